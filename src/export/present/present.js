"use strict";
// The audience window and the presenter window are this same page; `?presenter` makes the
// presenter one. Either window moves both: each tells the other with postMessage, which works
// between file:// pages. The audience window owns the session's start time.
(function () {
  const plan = JSON.parse(document.getElementById("plan").textContent);
  const slides = Array.from(document.querySelectorAll("#stage .slide"));
  const last = slides.length;
  const isPresenter = new URLSearchParams(location.search).has("presenter");
  const status = document.getElementById("status");
  let current = 1;
  let typed = "";
  let typedTimer = null;
  let other = null;
  let blanked = false;
  // When the session started: the first move away from slide 1 (or the audience's time).
  let started = Number(sessionStorage.getItem("workshop-started")) || null;

  function clamp(n) { return Math.min(Math.max(n, 1), last); }

  function partner() {
    const target = isPresenter ? window.opener : other;
    return target && !target.closed ? target : null;
  }

  function tell(message) {
    const target = partner();
    if (target) target.postMessage(message, "*");
  }

  // A copy of slide n's picture for a presenter pane, its ids renamed so that they point
  // into the copy, not into the hidden audience slide.
  function art(n, pane) {
    const slide = slides[n - 1];
    if (!slide) return "";
    const prefix = "s" + n + "-";
    return slide.querySelector(".art").innerHTML.split(prefix).join(pane + "-" + prefix);
  }

  function clock(ms) {
    const s = Math.max(0, Math.floor(ms / 1000));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  // A planned clock ("0:12", hours:minutes from the start) in milliseconds.
  function planned(text) {
    const [h, m] = text.split(":").map(Number);
    return (h * 60 + m) * 60000;
  }

  // A fixed phrase of the kit's language, its `{name}`s filled from `values`.
  function say(key, values) {
    return plan.words[key].replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  function updateClock() {
    const item = plan.slides[current - 1];
    const elapsed = started ? Date.now() - started : 0;
    document.getElementById("position").textContent =
      say("present-position", { n: current, last: last, min: item.minutes });
    document.getElementById("planned").textContent = say("present-planned", {
      from: clock(planned(item.starts)), to: clock(planned(item.ends)), total: plan.minutes + ":00",
    });
    document.getElementById("elapsed").textContent =
      started ? say("present-elapsed", { time: clock(elapsed) }) : say("present-not-started", {});
    const over = started ? elapsed - planned(item.ends) : 0;
    const sign = document.getElementById("over");
    sign.textContent = over > 0 ? say("present-over", { time: clock(over) }) : "";
    sign.classList.toggle("hidden", over <= 0);
    document.getElementById("blanked").classList.toggle("hidden", !blanked);
  }

  function setBlank(on, quiet) {
    blanked = on;
    if (!isPresenter) {
      document.getElementById("blank").classList.toggle("hidden", !on);
      document.getElementById("stage").toggleAttribute("inert", on);
      status.textContent = on ? say("present-screen-blanked", {}) : "";
    } else {
      updateClock();
    }
    if (!quiet) tell({ blank: on });
  }

  function show(n, quiet) {
    current = clamp(n);
    if (!started && current > 1 && !isPresenter) {
      started = Date.now();
      sessionStorage.setItem("workshop-started", String(started));
      tell({ started: started });
    }
    slides.forEach((s, i) => { s.hidden = i !== current - 1; });
    try {
      history.replaceState(null, "", location.pathname + location.search + "#" + current);
    } catch (e) {
      // Browsers limit how often the address may change; the slide still changes.
    }
    const item = plan.slides[current - 1];
    if (isPresenter) {
      document.getElementById("now").innerHTML = art(current, "now");
      document.getElementById("next").innerHTML = current < last ? art(current + 1, "next") : "";
      document.getElementById("notes").textContent = item.notes;
      updateClock();
    } else {
      status.textContent = say("present-status", { n: current, last: last, title: item.title });
    }
    if (!quiet) tell({ slide: current });
  }

  function toggleHelp(on) {
    const help = document.getElementById("help");
    const open = on === undefined ? !help.open : on;
    if (open && !help.open) help.showModal();
    if (!open && help.open) help.close();
  }

  function openPresenter() {
    const url = location.href.split("#")[0].split("?")[0] + "?presenter#" + current;
    other = window.open(url, "workshop-presenter", "popup,width=1280,height=800");
    if (!other) {
      document.getElementById("blocked").classList.remove("hidden");
      toggleHelp(true);
    }
  }

  window.addEventListener("message", (e) => {
    if (e.source === window || !e.data) return;
    // Whoever writes is the other window: after a reload of either, they find each other again.
    if (!isPresenter) other = e.source;
    if (typeof e.data.started === "number") {
      started = e.data.started;
      sessionStorage.setItem("workshop-started", String(started));
    }
    if (typeof e.data.slide === "number") show(e.data.slide, true);
    if (typeof e.data.blank === "boolean") setBlank(e.data.blank, true);
    if (e.data.hello && !isPresenter) {
      e.source.postMessage({ blank: blanked, started: started }, "*");
    }
  });

  function showTyped() {
    status.textContent = typed ? say("present-goto", { n: typed }) : "";
    document.getElementById("typed").textContent = typed;
    clearTimeout(typedTimer);
    typedTimer = setTimeout(() => { typed = ""; document.getElementById("typed").textContent = ""; }, 3000);
  }

  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (document.getElementById("help").open && e.key !== "?") return;
    const k = e.key;
    if ((k === " " || k === "Enter") && e.target.closest && e.target.closest("button")) return;
    if (/^[0-9]$/.test(k)) { typed += k; showTyped(); e.preventDefault(); return; }
    if (k === "Backspace" && typed) { typed = typed.slice(0, -1); showTyped(); e.preventDefault(); return; }
    if (k === "Enter" && typed) { show(parseInt(typed, 10)); typed = ""; showTyped(); e.preventDefault(); return; }
    typed = "";
    if (e.repeat && "bBfFpP?.".includes(k)) { e.preventDefault(); return; }
    if (k === "ArrowRight" || k === "ArrowDown" || k === " " || k === "PageDown" || k === "n") { show(current + 1); }
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || k === "Backspace") { show(current - 1); }
    else if (k === "Home") { show(1); }
    else if (k === "End") { show(last); }
    else if (k === "b" || k === "B" || k === ".") { setBlank(!blanked); }
    else if (k === "f" || k === "F") {
      const root = document.documentElement;
      if (document.fullscreenElement) document.exitFullscreen();
      else if (root.requestFullscreen) root.requestFullscreen().catch(() => {});
    }
    else if ((k === "p" || k === "P") && !isPresenter) { openPresenter(); }
    else if (k === "?") { toggleHelp(); }
    else if (k === "Escape") { setBlank(false); }
    else return;
    e.preventDefault();
  });

  window.addEventListener("hashchange", () => {
    const n = parseInt(location.hash.slice(1), 10);
    if (Number.isFinite(n) && n !== current) show(n);
  });

  document.getElementById("open-presenter").addEventListener("click", () => { toggleHelp(false); openPresenter(); });
  document.getElementById("close-help").addEventListener("click", () => toggleHelp(false));

  if (isPresenter) {
    document.getElementById("stage").classList.add("offstage");
    document.getElementById("presenter").classList.remove("hidden");
    document.getElementById("open-presenter").classList.add("hidden");
    // Say hello now and every few seconds, so that a reloaded audience window finds us.
    const hello = () => { if (window.opener && !window.opener.closed) window.opener.postMessage({ hello: true }, "*"); };
    hello();
    setInterval(() => { updateClock(); }, 1000);
    setInterval(hello, 3000);
  }
  const fromAddress = parseInt(location.hash.slice(1), 10);
  show(Number.isFinite(fromAddress) ? fromAddress : 1, true);
})();

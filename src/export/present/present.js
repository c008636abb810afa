"use strict";
// The audience window and the presenter window are this same page; `?presenter` makes the
// presenter one. Either window moves both: each tells the other with postMessage, which works
// between file:// pages.
(function () {
  const plan = JSON.parse(document.getElementById("plan").textContent);
  const slides = Array.from(document.querySelectorAll("#stage .slide"));
  const last = slides.length;
  const isPresenter = new URLSearchParams(location.search).has("presenter");
  const started = Date.now();
  let current = 1;
  let typed = "";
  let other = null;

  function clamp(n) { return Math.min(Math.max(n, 1), last); }

  function tell(n) {
    const target = isPresenter ? window.opener : other;
    if (target && !target.closed) target.postMessage({ slide: n }, "*");
  }

  function art(n) {
    const slide = slides[n - 1];
    return slide ? slide.querySelector(".art").innerHTML : "";
  }

  function minutes(ms) {
    const s = Math.floor(ms / 1000);
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }

  function planned(clock) {
    const [h, m] = clock.split(":").map(Number);
    return (h * 60 + m) * 60000;
  }

  function updateClock() {
    const item = plan.slides[current - 1];
    const elapsed = Date.now() - started;
    document.getElementById("planned").textContent =
      item.minutes + " min · planned " + item.starts + " – " + item.ends;
    document.getElementById("elapsed").textContent = "elapsed " + minutes(elapsed);
    document.getElementById("over").textContent =
      elapsed > planned(item.ends) ? "running over" : "";
  }

  function show(n, quiet) {
    current = clamp(n);
    slides.forEach((s, i) => { s.hidden = i !== current - 1; });
    history.replaceState(null, "", location.pathname + location.search + "#" + current);
    if (isPresenter) {
      document.getElementById("now").innerHTML = art(current);
      document.getElementById("next").innerHTML = current < last ? art(current + 1) : "";
      document.getElementById("notes").textContent = plan.slides[current - 1].notes;
      updateClock();
    }
    if (!quiet) tell(current);
  }

  function toggle(id, on) {
    const el = document.getElementById(id);
    el.classList.toggle("hidden", on === undefined ? !el.classList.contains("hidden") : !on);
  }

  function openPresenter() {
    const url = location.href.split("#")[0].split("?")[0] + "?presenter#" + current;
    other = window.open(url, "workshop-presenter");
  }

  window.addEventListener("message", (e) => {
    if (e.data && typeof e.data.slide === "number") show(e.data.slide, true);
    if (e.data && e.data.hello && e.source) { other = e.source; tell(current); }
  });

  document.addEventListener("keydown", (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const k = e.key;
    if (/^[0-9]$/.test(k)) { typed += k; return; }
    if (k === "Enter" && typed) { show(parseInt(typed, 10)); typed = ""; e.preventDefault(); return; }
    typed = "";
    if (k === "ArrowRight" || k === "ArrowDown" || k === " " || k === "PageDown" || k === "n") { show(current + 1); }
    else if (k === "ArrowLeft" || k === "ArrowUp" || k === "PageUp" || k === "Backspace") { show(current - 1); }
    else if (k === "Home") { show(1); }
    else if (k === "End") { show(last); }
    else if (k === "b" || k === "B" || k === ".") { toggle("blank"); }
    else if (k === "f" || k === "F") {
      if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen().catch(() => {});
    }
    else if ((k === "p" || k === "P") && !isPresenter) { openPresenter(); }
    else if (k === "?") { toggle("help"); }
    else if (k === "Escape") { toggle("help", false); toggle("blank", false); }
    else return;
    e.preventDefault();
  });

  document.getElementById("open-presenter").addEventListener("click", openPresenter);
  document.getElementById("close-help").addEventListener("click", () => toggle("help", false));

  if (isPresenter) {
    document.getElementById("stage").classList.add("hidden");
    toggle("presenter", true);
    setInterval(updateClock, 1000);
    if (window.opener) window.opener.postMessage({ hello: true }, "*");
  }
  const fromAddress = parseInt(location.hash.slice(1), 10);
  show(Number.isFinite(fromAddress) ? fromAddress : 1, true);
})();

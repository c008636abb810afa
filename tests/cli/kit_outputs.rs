//! placeholder: filled in by the #11 work

#[allow(unused_imports)]
use super::*;

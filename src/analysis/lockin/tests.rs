//! Hand-checked lock-in factors.

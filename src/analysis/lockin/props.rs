//! Direction properties.

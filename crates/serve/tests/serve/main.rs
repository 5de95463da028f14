//! The guarded server's integration tests, in one binary: the attacks each limit is for,
//! performed on a real socket against a small router.

mod limits;

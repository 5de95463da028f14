//! The auditor's tests, in one binary: audits of log folders (`folder`), and what it reads
//! from peers over HTTP, strictly and within its limits (`peers`).

mod folder;
mod peers;

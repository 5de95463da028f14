//! The corridor's flow under a regime: consignments through the posts' checks.

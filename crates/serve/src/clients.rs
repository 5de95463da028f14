//! The per-client connection cap: how many connections each client holds open, by client
//! address, and a share that gives its place back when the connection closes.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, PoisonError};

/// Who counts as one client: an IPv4 address, or the /64 prefix of an IPv6 address (one
/// subscriber is given a whole /64, so counting single IPv6 addresses would give it 2^64
/// shares). An IPv4 address mapped into IPv6 counts as the IPv4 address.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ClientKey {
    /// An IPv4 client.
    V4([u8; 4]),
    /// An IPv6 client's /64.
    V6([u8; 8]),
}

impl ClientKey {
    /// The client `address` counts as.
    pub fn of(address: IpAddr) -> ClientKey {
        match address {
            IpAddr::V4(v4) => ClientKey::V4(v4.octets()),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => ClientKey::V4(v4.octets()),
                None => {
                    let mut prefix = [0; 8];
                    prefix.copy_from_slice(&v6.octets()[..8]);
                    ClientKey::V6(prefix)
                }
            },
        }
    }
}

/// Open connections per client. A client is in the table only while it holds a connection,
/// and every connection holds one of the server's permits, so the table never has more
/// entries than the server's connection cap.
#[derive(Clone, Debug)]
pub struct Clients {
    open: Arc<Mutex<HashMap<ClientKey, usize>>>,
    per_client_max: usize,
}

/// One connection's place in its client's count, given back when dropped.
#[derive(Debug)]
pub struct Share {
    open: Arc<Mutex<HashMap<ClientKey, usize>>>,
    key: ClientKey,
}

impl Clients {
    /// A table allowing each client `per_client_max` connections.
    pub fn new(per_client_max: usize) -> Clients {
        Clients { open: Arc::default(), per_client_max }
    }

    /// A share for one more connection of the client at `address`, or `None` if it holds
    /// its cap already.
    pub fn admit(&self, address: IpAddr) -> Option<Share> {
        let key = ClientKey::of(address);
        // The counts stay consistent whatever panicked while holding the lock: each update
        // is one statement.
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        let count = open.entry(key).or_insert(0);
        if *count >= self.per_client_max {
            return None;
        }
        *count += 1;
        Some(Share { open: self.open.clone(), key })
    }

    /// Connections the client at `address` holds open.
    #[cfg(test)]
    pub fn open(&self, address: IpAddr) -> usize {
        let open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        open.get(&ClientKey::of(address)).copied().unwrap_or(0)
    }

    /// Clients holding at least one connection.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.open.lock().unwrap_or_else(PoisonError::into_inner).len()
    }

    /// Whether no client holds a connection.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Drop for Share {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_holds_its_cap_and_gets_each_place_back() {
        let clients = Clients::new(2);
        let (a, b): (IpAddr, IpAddr) =
            ("127.0.0.2".parse().expect("ip"), "127.0.0.3".parse().expect("ip"));
        let first = clients.admit(a).expect("a first");
        let second = clients.admit(a).expect("a second");
        assert!(clients.admit(a).is_none(), "the third connection of one client is refused");
        assert!(clients.admit(b).is_some(), "another client is admitted");
        drop(first);
        assert_eq!(clients.open(a), 1);
        let third = clients.admit(a).expect("a place given back is taken again");
        drop((second, third));
        assert!(clients.is_empty(), "a client without connections leaves the table");
    }

    #[test]
    fn an_ipv6_client_is_its_64_and_a_mapped_ipv4_client_its_address() {
        let clients = Clients::new(1);
        let one: IpAddr = "2001:db8:1:2::1".parse().expect("ip");
        let same_64: IpAddr = "2001:db8:1:2:ffff::9".parse().expect("ip");
        let other_64: IpAddr = "2001:db8:1:3::1".parse().expect("ip");
        let _held = clients.admit(one).expect("admitted");
        assert!(clients.admit(same_64).is_none(), "the same /64 is the same client");
        assert!(clients.admit(other_64).is_some());
        let v4: IpAddr = "192.0.2.7".parse().expect("ip");
        let mapped: IpAddr = "::ffff:192.0.2.7".parse().expect("ip");
        let _v4 = clients.admit(v4).expect("admitted");
        assert!(clients.admit(mapped).is_none(), "a mapped address is its IPv4 client");
    }
}

//! Which node a client command talks to, decided one way for every command: `--node URL`,
//! else the `PASSAGE_NODE` variable, else the node the configuration file names (its
//! `advertise`, else its `listen` address), else `http://127.0.0.1:8080`. When the node
//! cannot be reached, the message names the address tried, where it came from, and how to
//! name another, in the language of the command's texts.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use anyhow::{Context as _, Result};

/// The variable naming the node.
pub const NODE_VARIABLE: &str = "PASSAGE_NODE";
/// The variable naming the configuration file (shared with `passage serve`).
pub const CONFIG_VARIABLE: &str = "PASSAGE_CONFIG";
/// The configuration file read from the current folder when no variable names one.
pub const CONFIG_FILE_DEFAULT: &str = "passage.toml";
/// The node assumed when nothing names one: a node started with the defaults.
pub const NODE_DEFAULT: &str = "http://127.0.0.1:8080";

/// Where the node's address came from, for the message when it cannot be reached.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeSource {
    /// `--node` on the command line (or a URL argument).
    CommandLine,
    /// The `PASSAGE_NODE` variable.
    Environment,
    /// A configuration file's `advertise` or `listen`.
    ConfigFile(PathBuf),
    /// Nothing named a node.
    Default,
}

/// A node's base URL and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeAddress {
    /// The base URL, without a trailing `/`.
    pub url: String,
    /// Where it came from.
    pub source: NodeSource,
}

/// The address this process resolved, kept for the message printed if it cannot be
/// reached: the commands resolve one node each, and the error surfaces in `main`.
static RESOLVED: OnceLock<NodeAddress> = OnceLock::new();

/// Resolves the node from the flag, the environment, the configuration file (`config`, or
/// the default file in the current folder when it exists) and the default, in that order,
/// and remembers it for [`describe_unreachable`].
pub fn resolve(flag: Option<&str>) -> Result<NodeAddress> {
    let environment = std::env::var(NODE_VARIABLE).ok().filter(|value| !value.trim().is_empty());
    let config = std::env::var_os(CONFIG_VARIABLE).map(PathBuf::from);
    let address = resolve_from(flag, environment.as_deref(), config.as_deref())?;
    let _ = RESOLVED.set(address.clone());
    Ok(address)
}

/// [`resolve`] with its inputs given, so it can be tested without the process's state.
pub fn resolve_from(
    flag: Option<&str>,
    environment: Option<&str>,
    config: Option<&Path>,
) -> Result<NodeAddress> {
    let trimmed = |url: &str| url.trim().trim_end_matches('/').to_owned();
    if let Some(url) = flag {
        return Ok(NodeAddress { url: trimmed(url), source: NodeSource::CommandLine });
    }
    if let Some(url) = environment {
        return Ok(NodeAddress { url: trimmed(url), source: NodeSource::Environment });
    }
    let default_file = Path::new(CONFIG_FILE_DEFAULT);
    let file = match config {
        Some(path) => Some(path),
        None if default_file.is_file() => Some(default_file),
        None => None,
    };
    if let Some(path) = file {
        let config = crate::serve::ConfigFile::read(path)?;
        if let Some(url) = node_of_config(config.advertise(), config.listen())
            .with_context(|| texts::config_names_no_node(path))?
        {
            return Ok(NodeAddress { url, source: NodeSource::ConfigFile(path.to_owned()) });
        }
    }
    Ok(NodeAddress { url: NODE_DEFAULT.to_owned(), source: NodeSource::Default })
}

/// The URL a configuration names for its clients: `advertise`, else `http://` and the
/// `listen` address (an unspecified address is reached on the loopback); `None` when it
/// names neither; an error when it listens on port 0, which no client can guess.
fn node_of_config(advertise: Option<&str>, listen: Option<&str>) -> Result<Option<String>> {
    if let Some(url) = advertise {
        return Ok(Some(url.trim_end_matches('/').to_owned()));
    }
    let Some(listen) = listen else { return Ok(None) };
    let address: std::net::SocketAddr =
        listen.parse().with_context(|| texts::listen_unreadable(listen))?;
    anyhow::ensure!(address.port() != 0, texts::listens_on_port_zero());
    let ip = match address.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => std::net::Ipv4Addr::LOCALHOST.into(),
        ip if ip.is_unspecified() => std::net::Ipv6Addr::LOCALHOST.into(),
        ip => ip,
    };
    Ok(Some(format!("http://{}", std::net::SocketAddr::new(ip, address.port()))))
}

/// When `error` says a connection was refused or could not be made, the message to print
/// instead of its chain: the address tried, where it came from, and how to name another.
pub fn describe_unreachable(error: &anyhow::Error) -> Option<String> {
    let failed = error.chain().find_map(|cause| {
        cause.downcast_ref::<reqwest::Error>().filter(|error| error.is_connect())
    })?;
    let tried = failed
        .url()
        .map(|url| url.origin().ascii_serialization())
        .or_else(|| RESOLVED.get().map(|address| address.url.clone()))
        .unwrap_or_else(|| NODE_DEFAULT.to_owned());
    let source = RESOLVED
        .get()
        .filter(|address| tried.starts_with(address.url.trim_end_matches('/')))
        .map(|address| address.source.clone());
    let reason = error.root_cause().to_string();
    Some(texts::unreachable(&tried, source.as_ref(), &reason))
}

/// The texts of this module (`cli-node-*` in the translation files).
pub mod texts {
    use super::{CONFIG_FILE_DEFAULT, CONFIG_VARIABLE, NODE_VARIABLE, NodeSource};
    use crate::language::{args, text, text_with};
    use std::path::Path;

    /// A configuration that listens on port 0.
    pub fn listens_on_port_zero() -> String {
        text("cli-node-listens-on-port-zero")
    }

    /// A configuration that names no usable node.
    pub fn config_names_no_node(path: &Path) -> String {
        text_with("cli-node-config-names-no-node", &args([("path", path.display().to_string())]))
    }

    /// A `listen` that is not an address.
    pub fn listen_unreadable(listen: &str) -> String {
        text_with("cli-node-listen-unreadable", &args([("listen", listen.to_owned())]))
    }

    /// The node could not be reached.
    pub fn unreachable(tried: &str, source: Option<&NodeSource>, reason: &str) -> String {
        let source = match source {
            Some(NodeSource::CommandLine) => Some(text("cli-node-from-command-line")),
            Some(NodeSource::Environment) => Some(text_with(
                "cli-node-from-environment",
                &args([("variable", NODE_VARIABLE.to_owned())]),
            )),
            Some(NodeSource::ConfigFile(path)) => {
                Some(text_with("cli-node-from-file", &args([("path", path.display().to_string())])))
            }
            Some(NodeSource::Default) => Some(text("cli-node-from-default")),
            None => None,
        };
        let common = [
            ("address", tried.to_owned()),
            ("reason", reason.to_owned()),
            ("variable", NODE_VARIABLE.to_owned()),
            ("file", CONFIG_FILE_DEFAULT.to_owned()),
            ("config_variable", CONFIG_VARIABLE.to_owned()),
        ];
        match source {
            Some(source) => {
                let mut arguments = args(common);
                arguments.set("source", source);
                text_with("cli-node-unreachable", &arguments)
            }
            None => text_with("cli-node-unreachable-unnamed", &args(common)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_wins_then_the_environment_then_the_file_then_the_default() {
        let folder = tempfile::tempdir().expect("a folder");
        let config = folder.path().join("node.toml");
        std::fs::write(&config, "listen = \"0.0.0.0:9191\"\n").expect("written");
        let resolved = |flag, environment, config: Option<&Path>| {
            resolve_from(flag, environment, config).expect("resolves")
        };
        let address = resolved(Some("http://a:1/"), Some("http://b:2"), Some(&config));
        assert_eq!(
            address,
            NodeAddress { url: "http://a:1".into(), source: NodeSource::CommandLine }
        );
        let address = resolved(None, Some("http://b:2"), Some(&config));
        assert_eq!(
            address,
            NodeAddress { url: "http://b:2".into(), source: NodeSource::Environment }
        );
        let address = resolved(None, None, Some(&config));
        assert_eq!(
            address,
            NodeAddress {
                url: "http://127.0.0.1:9191".into(),
                source: NodeSource::ConfigFile(config.clone())
            }
        );
        std::fs::write(
            &config,
            "listen = \"[::]:9191\"\nadvertise = \"http://node.example:80/\"\n",
        )
        .expect("written");
        assert_eq!(resolved(None, None, Some(&config)).url, "http://node.example:80");
        std::fs::write(&config, "listen = \"[::]:9191\"\n").expect("written");
        assert_eq!(resolved(None, None, Some(&config)).url, "http://[::1]:9191");
    }

    #[test]
    fn a_configuration_on_port_zero_or_unreadable_is_refused_not_guessed() {
        let folder = tempfile::tempdir().expect("a folder");
        let config = folder.path().join("node.toml");
        std::fs::write(&config, "listen = \"127.0.0.1:0\"\n").expect("written");
        let error = resolve_from(None, None, Some(&config)).expect_err("port 0 is refused");
        assert!(format!("{error:#}").contains("port 0"), "{error:#}");
        std::fs::write(&config, "listen = \"somewhere\"\n").expect("written");
        let error = resolve_from(None, None, Some(&config)).expect_err("refused");
        assert!(format!("{error:#}").contains("`listen = \"somewhere\"`"), "{error:#}");
        std::fs::write(&config, "no_such_field = 1\n").expect("written");
        assert!(resolve_from(None, None, Some(&config)).is_err());
    }
}

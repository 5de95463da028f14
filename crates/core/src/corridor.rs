//! The corridor as data: posts, segments and routes, read from a TOML file and validated
//! with messages that name the post or route at fault. Nothing about one route is in code.

use crate::ids::{Ident, UnLocode};
use crate::statement::TrafficClass;
use serde::Deserialize;
use std::fmt;

/// Most posts in a corridor.
pub const POSTS_MAX: usize = 1_000;
/// Most routes in a corridor.
pub const ROUTES_MAX: usize = 1_000;
/// Most posts on one route.
pub const ROUTE_POSTS_MAX: usize = 64;

/// Why a corridor, charter or regime document is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// Not TOML, or fields of the wrong shape (the message has the line and column).
    #[error("{document}: {message}")]
    Syntax {
        /// Which document.
        document: &'static str,
        /// The parser's message.
        message: String,
    },
    /// Valid TOML that breaks a rule.
    #[error("{document}: {subject}: {problem}")]
    Invalid {
        /// Which document.
        document: &'static str,
        /// What is at fault (a post, a route, a field).
        subject: String,
        /// What is wrong and what is expected.
        problem: String,
    },
}

pub(crate) fn invalid(
    document: &'static str,
    subject: impl fmt::Display,
    problem: impl fmt::Display,
) -> DocumentError {
    DocumentError::Invalid { document, subject: subject.to_string(), problem: problem.to_string() }
}

pub(crate) fn parse_ident(
    document: &'static str,
    subject: &str,
    text: &str,
) -> Result<Ident, DocumentError> {
    Ident::parse(text).map_err(|error| invalid(document, subject, error))
}

/// What a post is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PostKind {
    /// Where movements enter a state.
    BorderEntry,
    /// Where movements leave a state.
    BorderExit,
    /// A station or road control point inside a state.
    Station,
    /// A terminal where movements start or end.
    Terminal,
}

impl PostKind {
    fn parse(text: &str) -> Option<PostKind> {
        Some(match text {
            "border_entry" => PostKind::BorderEntry,
            "border_exit" => PostKind::BorderExit,
            "station" => PostKind::Station,
            "terminal" => PostKind::Terminal,
            _ => return None,
        })
    }

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            PostKind::BorderEntry => "border_entry",
            PostKind::BorderExit => "border_exit",
            PostKind::Station => "station",
            PostKind::Terminal => "terminal",
        }
    }
}

/// How a segment is travelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// By rail.
    Rail,
    /// By road.
    Road,
}

impl Mode {
    fn parse(text: &str) -> Option<Mode> {
        match text {
            "rail" => Some(Mode::Rail),
            "road" => Some(Mode::Road),
            _ => None,
        }
    }

    /// The word used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Rail => "rail",
            Mode::Road => "road",
        }
    }

    /// Whether a traffic class may use this mode.
    pub fn carries(self, class: TrafficClass) -> bool {
        match class {
            TrafficClass::CargoRail => self == Mode::Rail,
            TrafficClass::CargoRoad => self == Mode::Road,
            TrafficClass::Passengers => true,
        }
    }
}

/// Index of a post in its corridor's list (file order).
pub type PostIndex = u16;

/// A physical control point.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    /// Its identifier (`AM-AGARAK-X`).
    pub id: Ident,
    /// Its name.
    pub name: String,
    /// What it is.
    pub kind: PostKind,
    /// Latitude in millionths of a degree (WGS84).
    pub latitude_microdegrees: i32,
    /// Longitude in millionths of a degree (WGS84).
    pub longitude_microdegrees: i32,
    /// The party that operates it (its customs and border guards act here).
    pub authority: Ident,
    /// Its UN/LOCODE, where one exists.
    pub unlocode: Option<UnLocode>,
}

/// A stretch of track or road between two posts (either direction).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// One end.
    pub from: PostIndex,
    /// The other end.
    pub to: PostIndex,
    /// Rail or road.
    pub mode: Mode,
    /// Length in metres.
    pub length_m: u64,
    /// The party on whose territory it lies.
    pub territory: Ident,
}

/// A route: the posts a movement passes, in order; the first is its departure, the last
/// its destination.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    /// Its identifier.
    pub id: Ident,
    /// Its name.
    pub name: String,
    /// Rail or road.
    pub mode: Mode,
    /// The posts, in order.
    pub posts: Vec<PostIndex>,
    /// The segment taken between `posts[i]` and `posts[i + 1]`.
    pub segments: Vec<usize>,
}

/// The corridor: posts, segments and routes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Corridor {
    /// Its name.
    pub name: String,
    /// Posts, in file order.
    pub posts: Vec<Post>,
    /// Segments, in file order.
    pub segments: Vec<Segment>,
    /// Routes, in file order.
    pub routes: Vec<Route>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCorridor {
    corridor: RawCorridorHeader,
    #[serde(default)]
    posts: Vec<RawPost>,
    #[serde(default)]
    segments: Vec<RawSegment>,
    #[serde(default)]
    routes: Vec<RawRoute>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorridorHeader {
    name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPost {
    id: String,
    name: String,
    kind: String,
    latitude: f64,
    longitude: f64,
    authority: String,
    unlocode: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSegment {
    from: String,
    to: String,
    mode: String,
    length_km: f64,
    territory: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoute {
    id: String,
    name: String,
    mode: String,
    posts: Vec<String>,
}

const DOCUMENT: &str = "corridor";

impl Corridor {
    /// Parses and validates a corridor file (TOML; see `corridors/syunik.toml`).
    pub fn from_toml(text: &str) -> Result<Corridor, DocumentError> {
        let raw: RawCorridor = toml::from_str(text).map_err(|error| DocumentError::Syntax {
            document: DOCUMENT,
            message: error.to_string(),
        })?;
        Corridor::from_raw(raw)
    }

    pub(crate) fn from_raw(raw: RawCorridor) -> Result<Corridor, DocumentError> {
        if raw.posts.len() > POSTS_MAX {
            return Err(invalid(DOCUMENT, "posts", format!("at most {POSTS_MAX} posts")));
        }
        if raw.routes.len() > ROUTES_MAX {
            return Err(invalid(DOCUMENT, "routes", format!("at most {ROUTES_MAX} routes")));
        }
        let mut posts: Vec<Post> = Vec::with_capacity(raw.posts.len());
        for raw_post in raw.posts {
            let id = parse_ident(DOCUMENT, "post", &raw_post.id)?;
            let subject = format!("post {id}");
            if posts.iter().any(|post| post.id == id) {
                return Err(invalid(DOCUMENT, subject, "is listed twice"));
            }
            let kind = PostKind::parse(&raw_post.kind).ok_or_else(|| {
                invalid(
                    DOCUMENT,
                    &subject,
                    format!(
                        "kind `{}` is not one of border_entry, border_exit, station, terminal",
                        raw_post.kind
                    ),
                )
            })?;
            let latitude = microdegrees(&subject, "latitude", raw_post.latitude, 90.0)?;
            let longitude = microdegrees(&subject, "longitude", raw_post.longitude, 180.0)?;
            let unlocode = match raw_post.unlocode {
                None => None,
                Some(text) => Some(
                    UnLocode::parse(&text).map_err(|error| invalid(DOCUMENT, &subject, error))?,
                ),
            };
            posts.push(Post {
                id,
                name: raw_post.name,
                kind,
                latitude_microdegrees: latitude,
                longitude_microdegrees: longitude,
                authority: parse_ident(DOCUMENT, &subject, &raw_post.authority)?,
                unlocode,
            });
        }
        let find_post = |subject: &str, text: &str| -> Result<PostIndex, DocumentError> {
            posts
                .iter()
                .position(|post| post.id.as_str() == text)
                .map(|index| index as PostIndex)
                .ok_or_else(|| {
                    invalid(DOCUMENT, subject, format!("names post `{text}`, which is not listed"))
                })
        };
        let mut segments = Vec::with_capacity(raw.segments.len());
        for raw_segment in raw.segments {
            let subject = format!("segment {} - {}", raw_segment.from, raw_segment.to);
            let from = find_post(&subject, &raw_segment.from)?;
            let to = find_post(&subject, &raw_segment.to)?;
            if from == to {
                return Err(invalid(DOCUMENT, subject, "joins a post to itself"));
            }
            let mode = Mode::parse(&raw_segment.mode).ok_or_else(|| {
                invalid(
                    DOCUMENT,
                    &subject,
                    format!("mode `{}` is not rail or road", raw_segment.mode),
                )
            })?;
            if !(raw_segment.length_km > 0.0 && raw_segment.length_km < 10_000.0) {
                return Err(invalid(
                    DOCUMENT,
                    subject,
                    format!("length {} km is not between 0 and 10,000 km", raw_segment.length_km),
                ));
            }
            segments.push(Segment {
                from,
                to,
                mode,
                length_m: (raw_segment.length_km * 1000.0).round() as u64,
                territory: parse_ident(DOCUMENT, &subject, &raw_segment.territory)?,
            });
        }
        let mut routes: Vec<Route> = Vec::with_capacity(raw.routes.len());
        for raw_route in raw.routes {
            let id = parse_ident(DOCUMENT, "route", &raw_route.id)?;
            let subject = format!("route {id}");
            if routes.iter().any(|route| route.id == id) {
                return Err(invalid(DOCUMENT, subject, "is listed twice"));
            }
            let mode = Mode::parse(&raw_route.mode).ok_or_else(|| {
                invalid(
                    DOCUMENT,
                    &subject,
                    format!("mode `{}` is not rail or road", raw_route.mode),
                )
            })?;
            if raw_route.posts.len() < 2 || raw_route.posts.len() > ROUTE_POSTS_MAX {
                return Err(invalid(
                    DOCUMENT,
                    subject,
                    format!(
                        "has {} posts; a route has 2 to {ROUTE_POSTS_MAX}",
                        raw_route.posts.len()
                    ),
                ));
            }
            let mut route_posts: Vec<PostIndex> = Vec::with_capacity(raw_route.posts.len());
            for text in &raw_route.posts {
                let post = find_post(&subject, text)?;
                if route_posts.contains(&post) {
                    return Err(invalid(DOCUMENT, subject, format!("passes post {text} twice")));
                }
                route_posts.push(post);
            }
            let mut route_segments = Vec::with_capacity(route_posts.len() - 1);
            for pair in route_posts.windows(2) {
                let found = segments.iter().position(|segment| {
                    segment.mode == mode
                        && ((segment.from == pair[0] && segment.to == pair[1])
                            || (segment.from == pair[1] && segment.to == pair[0]))
                });
                let Some(found) = found else {
                    return Err(invalid(
                        DOCUMENT,
                        subject,
                        format!(
                            "no {} segment joins {} and {}",
                            mode.as_str(),
                            posts[usize::from(pair[0])].id,
                            posts[usize::from(pair[1])].id
                        ),
                    ));
                };
                route_segments.push(found);
            }
            routes.push(Route {
                id,
                name: raw_route.name,
                mode,
                posts: route_posts,
                segments: route_segments,
            });
        }
        Ok(Corridor { name: raw.corridor.name, posts, segments, routes })
    }

    /// The post with this identifier.
    pub fn post_index(&self, id: &Ident) -> Option<PostIndex> {
        self.posts.iter().position(|post| post.id == *id).map(|index| index as PostIndex)
    }

    /// The post at `index`.
    pub fn post(&self, index: PostIndex) -> &Post {
        &self.posts[usize::from(index)]
    }

    /// The route with this identifier.
    pub fn route_index(&self, id: &Ident) -> Option<usize> {
        self.routes.iter().position(|route| route.id == *id)
    }

    /// The length of a route in metres, counting only segments on `territory` if given.
    pub fn route_length_m(&self, route: &Route, territory: Option<&Ident>) -> u64 {
        route
            .segments
            .iter()
            .map(|&index| &self.segments[index])
            .filter(|segment| territory.is_none_or(|party| segment.territory == *party))
            .map(|segment| segment.length_m)
            .sum()
    }

    /// A plain-text summary, one line per route (used in tests and by the CLI).
    pub fn render(&self) -> String {
        let mut out = format!("{}\n", self.name);
        for route in &self.routes {
            let names: Vec<&str> =
                route.posts.iter().map(|&post| self.post(post).id.as_str()).collect();
            let length = self.route_length_m(route, None);
            out.push_str(&format!(
                "route {} ({}, {}.{} km): {}\n",
                route.id,
                route.mode.as_str(),
                length / 1000,
                length % 1000 / 100,
                names.join(" > ")
            ));
        }
        out
    }
}

fn microdegrees(subject: &str, what: &str, degrees: f64, limit: f64) -> Result<i32, DocumentError> {
    if !(degrees.is_finite() && (-limit..=limit).contains(&degrees)) {
        return Err(invalid(
            DOCUMENT,
            subject,
            format!("{what} {degrees} is outside -{limit} to {limit} degrees"),
        ));
    }
    Ok((degrees * 1_000_000.0).round() as i32)
}

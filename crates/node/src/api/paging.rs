//! How lists are paged: a page size between 1 and the list's `*_PAGE_MAX` ([`Paging`]),
//! and the cursor a page's `next` gives and the next request's `after=` returns
//! ([`Cursor`]).

use super::errors::ApiError;
use super::{PAGE_SIZE_DEFAULT, PAGE_SIZE_MAX};
use std::fmt;
use std::str::FromStr;

/// The page sizes of a list: a `limit` outside 1 to `max` is refused (400 `bad_limit`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Paging {
    /// Page size when the request names none.
    pub(crate) default: u32,
    /// Largest page a request may ask for: the list's `*_PAGE_MAX`.
    pub(crate) max: u32,
}

impl Paging {
    /// Searches of the store's projections: movements, postings, incidents.
    pub(crate) const SEARCH: Paging = Paging { default: PAGE_SIZE_DEFAULT, max: PAGE_SIZE_MAX };

    /// The page size asked for, or the default.
    pub(crate) fn limit(self, limit: Option<u32>) -> Result<u32, ApiError> {
        match limit.unwrap_or(self.default) {
            limit if (1..=self.max).contains(&limit) => Ok(limit),
            other => {
                Err(ApiError::bad("bad_limit", format!("limit is 1 to {}, not {other}", self.max)))
            }
        }
    }
}

/// A page's position as `next` writes it, `<first>.<second>`: the last row's key (a time
/// or an entry index, then a reference, a field name or an ordinal; the second part may
/// hold dots). A cursor is text to the client, to be given back as it came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cursor<First, Second> {
    /// The key's first part.
    pub(crate) first: First,
    /// The key's second part.
    pub(crate) second: Second,
}

impl<First, Second> Cursor<First, Second> {
    /// The cursor after the row with this key.
    pub(crate) fn new(first: First, second: Second) -> Self {
        Cursor { first, second }
    }
}

impl<First: FromStr, Second: FromStr> Cursor<First, Second> {
    /// The request's `after=`, if it gave one; text that is not a `next` cursor of this
    /// list is refused (400 `bad_cursor`).
    pub(crate) fn after(after: Option<&str>) -> Result<Option<Self>, ApiError> {
        let Some(text) = after else { return Ok(None) };
        text.split_once('.')
            .and_then(|(first, second)| {
                Some(Cursor::new(first.parse().ok()?, second.parse().ok()?))
            })
            .map(Some)
            .ok_or_else(|| ApiError::bad("bad_cursor", "`after` is a cursor from `next`"))
    }
}

impl<First: fmt::Display, Second: fmt::Display> fmt::Display for Cursor<First, Second> {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}.{}", self.first, self.second)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(after: Option<&str>, expect: Result<Option<(i64, &str)>, &str>) {
        let got = Cursor::<i64, String>::after(after)
            .map(|cursor| cursor.map(|cursor| (cursor.first, cursor.second)))
            .map_err(|error| error.body().error);
        let expect = expect
            .map(|cursor| cursor.map(|(first, second)| (first, second.to_owned())))
            .map_err(str::to_owned);
        assert_eq!(got, expect, "{after:?}");
        if let Ok(Some(cursor)) = Cursor::<i64, String>::after(after) {
            assert_eq!(Some(cursor.to_string().as_str()), after, "a cursor reads back as written");
        }
    }

    #[test]
    fn a_cursor_is_read_back_as_next_wrote_it_and_anything_else_is_bad_cursor() {
        check(None, Ok(None));
        check(
            Some("1700000000000.26AM000000000042J4"),
            Ok(Some((1_700_000_000_000, "26AM000000000042J4"))),
        );
        check(Some("12.goods/0.value"), Ok(Some((12, "goods/0.value"))));
        check(Some("-5.x"), Ok(Some((-5, "x"))));
        check(Some("12"), Err("bad_cursor"));
        check(Some("twelve.x"), Err("bad_cursor"));
        check(Some(""), Err("bad_cursor"));
    }
}

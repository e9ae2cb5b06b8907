//! Where on the dashboard a link goes: a view (`?view=today`) or a project (`?project=<id>`,
//! the Inbox without one), with or without the current filter and the page's other state.
use crate::api::tasks::ViewKind;
use crate::domain::encode_query_value;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Place {
    pub kind: ViewKind,
    /// The project of a project view; `None` is the Inbox.
    pub project: Option<String>,
}

impl Place {
    pub fn from_query(view: Option<&str>, project: Option<String>) -> Self {
        let kind = ViewKind::from_param(view);
        Self {
            project: project.filter(|p| !p.is_empty() && kind == ViewKind::Project),
            kind,
        }
    }

    pub fn view_param(&self) -> Option<String> {
        self.kind.param().map(str::to_owned)
    }

    /// The query pairs that name this place.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(view) = self.kind.param() {
            pairs.push(("view", view.to_owned()));
        }
        if let Some(project) = &self.project {
            pairs.push(("project", project.clone()));
        }
        pairs
    }

    /// `/tasks?…` for this place, then `extra` pairs (empty values left out).
    pub fn href(&self, extra: &[(&str, String)]) -> String {
        let pairs: Vec<String> = self
            .pairs()
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .chain(extra.iter().map(|(k, v)| (*k, v.as_str())))
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
            .collect();
        if pairs.is_empty() {
            "/tasks".to_owned()
        } else {
            format!("/tasks?{}", pairs.join("&"))
        }
    }
}

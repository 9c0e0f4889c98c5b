//! Where a publication comes from when the command line does not say: the version, branch
//! and build URL of the CI run (GitHub Actions, then GitLab CI), else of the git checkout.

use std::process::Command;

/// What the environment knows about the build.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Build {
    pub version: Option<String>,
    pub branch: Option<String>,
    pub build_url: Option<String>,
}

/// Reads the real environment, and asks git for what CI variables do not give.
pub fn detect() -> Build {
    let mut b = from_env(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    if b.version.is_none() {
        b.version = git(&["rev-parse", "HEAD"]);
    }
    if b.branch.is_none() {
        // A detached HEAD (most CI checkouts) has no branch name: leave it unset.
        b.branch = git(&["rev-parse", "--abbrev-ref", "HEAD"]).filter(|b| b != "HEAD");
    }
    b
}

/// The CI variables alone.
pub fn from_env(env: impl Fn(&str) -> Option<String>) -> Build {
    if env("GITHUB_ACTIONS").is_some() || env("GITHUB_SHA").is_some() {
        // On pull_request events GITHUB_REF_NAME is `123/merge`; the head branch is the
        // one the commits belong to.
        let branch = env("GITHUB_HEAD_REF").or_else(|| env("GITHUB_REF_NAME"));
        let build_url = match (
            env("GITHUB_SERVER_URL"),
            env("GITHUB_REPOSITORY"),
            env("GITHUB_RUN_ID"),
        ) {
            (Some(server), Some(repo), Some(run)) => Some(format!(
                "{}/{repo}/actions/runs/{run}",
                server.trim_end_matches('/')
            )),
            _ => None,
        };
        return Build {
            version: env("GITHUB_SHA"),
            branch,
            build_url,
        };
    }
    if env("GITLAB_CI").is_some() || env("CI_COMMIT_SHA").is_some() {
        return Build {
            version: env("CI_COMMIT_SHA"),
            branch: env("CI_COMMIT_REF_NAME"),
            build_url: env("CI_JOB_URL"),
        };
    }
    Build::default()
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
    (!s.is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn github_pull_request_uses_the_head_branch() {
        let b = from_env(env(&[
            ("GITHUB_ACTIONS", "true"),
            ("GITHUB_SHA", "abc"),
            ("GITHUB_HEAD_REF", "feature/x"),
            ("GITHUB_REF_NAME", "12/merge"),
            ("GITHUB_SERVER_URL", "https://github.com/"),
            ("GITHUB_REPOSITORY", "acme/app"),
            ("GITHUB_RUN_ID", "42"),
        ]));
        assert_eq!(b.version.as_deref(), Some("abc"));
        assert_eq!(b.branch.as_deref(), Some("feature/x"));
        assert_eq!(
            b.build_url.as_deref(),
            Some("https://github.com/acme/app/actions/runs/42")
        );
    }

    #[test]
    fn github_push_uses_the_ref_name() {
        let b = from_env(env(&[("GITHUB_SHA", "abc"), ("GITHUB_REF_NAME", "main")]));
        assert_eq!(b.branch.as_deref(), Some("main"));
        assert_eq!(b.build_url, None);
    }

    #[test]
    fn gitlab() {
        let b = from_env(env(&[
            ("GITLAB_CI", "true"),
            ("CI_COMMIT_SHA", "def"),
            ("CI_COMMIT_REF_NAME", "main"),
            ("CI_JOB_URL", "https://gitlab.com/a/b/-/jobs/1"),
        ]));
        assert_eq!(
            b,
            Build {
                version: Some("def".into()),
                branch: Some("main".into()),
                build_url: Some("https://gitlab.com/a/b/-/jobs/1".into()),
            }
        );
    }

    #[test]
    fn nothing_outside_ci() {
        assert_eq!(from_env(env(&[])), Build::default());
    }
}

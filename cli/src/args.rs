//! The command line, as clap derives it.

use accord_rules::compat::Mode;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "accord",
    version,
    about = "Contract and schema governance: lint, breaking-change detection, broker, can-i-deploy",
    propagate_version = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check schemas against style rules (buf lint compatible for Protobuf).
    Lint(LintArgs),
    /// Check schemas for changes that break clients of an earlier version.
    Breaking(BreakingArgs),
    /// Every change between two versions of an OpenAPI description, breaking or not, grouped
    /// by endpoint with a diff of each changed fragment, for release notes (exit 0 unless
    /// --fail-on is given).
    Changelog(ChangelogArgs),
    /// Compile schemas into a FileDescriptorSet image (like `buf build -o`), usable as an
    /// input or an --against of the other commands.
    Build(BuildArgs),
    /// Whether a reader schema can read data written with a writer schema (exit 0 yes, 1 no).
    Compat(CompatArgs),
    /// List and explain the rules accord knows.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Run the broker: a Confluent-compatible schema registry over SQLite or PostgreSQL.
    Serve(crate::commands::serve::ServeArgs),
    /// Generated documentation (docs/cli.md).
    #[command(subcommand, hide = true)]
    Docs(crate::commands::docs::DocsCommand),
    /// Publish pact files to the broker (one publication per consumer, after every file was
    /// checked).
    Publish(crate::commands::publish::PublishArgs),
    /// Publish a provider's OpenAPI document for a version, with its own test result; the
    /// broker compares the consumers' pacts with it.
    PublishProviderContract(crate::commands::provider_contract::ProviderContractArgs),
    /// Whether application versions can be deployed to an environment (exit 0 yes, 1 no or
    /// unknown, 2 usage or connection error).
    #[command(
        long_about = "Whether application versions can be deployed to an environment: every \
integration they have (pacts verified by a provider run, pacts compared with the provider's \
OpenAPI document, event schemas against the readers and writers deployed there) must be \
compatible with what is deployed. Prints one row per integration; exits 0 yes, 1 no or \
unknown, 2 usage or connection error, in every output mode."
    )]
    CanIDeploy(crate::commands::can_i_deploy::CanIDeployArgs),
    /// Create an environment applications are deployed to.
    CreateEnvironment(crate::commands::deployments::CreateEnvironmentArgs),
    /// Record that an application version was deployed to an environment (replacing the
    /// version deployed there before).
    RecordDeployment(crate::commands::deployments::RecordDeploymentArgs),
    /// Record that an application is no longer deployed to an environment.
    RecordUndeployment(crate::commands::deployments::RecordUndeploymentArgs),
    /// Record that an application version was released to an environment (releases stay
    /// supported side by side, as for mobile apps and libraries).
    RecordRelease(crate::commands::deployments::RecordReleaseArgs),
    /// Record that a released application version is no longer supported in an environment.
    RecordSupportEnded(crate::commands::deployments::RecordReleaseArgs),
    /// Show an application version as the broker knows it: branches, tags, build.
    DescribeVersion(crate::commands::describe_version::DescribeVersionArgs),
    /// Work with a schema registry's subjects, and record which schemas applications write
    /// and read.
    #[command(subcommand)]
    Schema(crate::commands::schema::SchemaCommand),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Schema file or directory (default: the working directory).
    pub paths: Vec<PathBuf>,
    /// Where to write the image (binary FileDescriptorSet, with source info).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
    /// Leave out imported files that are not part of the input (the well-known types, files
    /// found through -I).
    #[arg(long)]
    pub exclude_imports: bool,
    /// Extra import roots for .proto files.
    #[arg(short = 'I', long = "proto-path", value_name = "DIR")]
    pub proto_path: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
    Github,
    Sarif,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    /// Never fail on findings (exit 0 unless the input is bad).
    None,
}

/// The schema language of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaType {
    Protobuf,
    Avro,
    Jsonschema,
}

#[derive(Debug, Args)]
pub struct Common {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// accord.yaml to use (default: found by walking up from the working directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Extra import roots for .proto files.
    #[arg(short = 'I', long = "proto-path", value_name = "DIR")]
    pub proto_path: Vec<PathBuf>,
    /// The schema language (default: detected: `.proto`, a directory or `.binpb` is protobuf;
    /// `.avsc` is avro; `.json` is avro when it is an Avro schema object, else jsonschema).
    #[arg(long, value_enum)]
    pub schema_type: Option<SchemaType>,
}

#[derive(Debug, Args)]
pub struct LintArgs {
    /// Schema files or directories (default: the working directory).
    pub paths: Vec<PathBuf>,
    /// OpenAPI: a Spectral ruleset (`extends: spectral:oas` and rule severities) to use when
    /// there is no accord.yaml (default: `.spectral.yaml` found by walking up from the
    /// description's directory, then the working directory).
    #[arg(short = 'r', long, value_name = "FILE")]
    pub ruleset: Option<PathBuf>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Args)]
pub struct BreakingArgs {
    /// The new version: files, directories or images (default: the working directory).
    pub paths: Vec<PathBuf>,
    /// An earlier version to compare with; repeat for several, oldest first.
    #[arg(long, value_name = "OLD")]
    pub against: Vec<PathBuf>,
    /// A git revision to compare with: `REV` (same path as the input) or `REV:subdir`.
    #[arg(long, value_name = "REV[:PATH]")]
    pub against_git: Option<String>,
    /// A registry subject to compare with: `SUBJECT` or `SUBJECT@VERSION` (a number, latest,
    /// or all). Without a version: the latest, or every version when the mode is
    /// transitive. The mode is the subject's compatibility level unless --mode is given.
    #[arg(long, value_name = "SUBJECT[@VERSION]")]
    pub against_broker: Option<String>,
    /// With --against-git, also check against the N-1 commits before REV (reuse rules).
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub history: usize,
    /// Compatibility mode: BACKWARD (the new schema reads data written with the old; the
    /// default for Avro and JSON Schema), FORWARD, FULL, their _TRANSITIVE forms (every
    /// --against, not only the latest), or NONE. For Protobuf, without --mode buf's rules run
    /// as buf.yaml / accord.yaml select them; with --mode the registry's mapping applies
    /// (buf's WIRE_JSON rules in the mode's direction, plus number and name reuse).
    #[arg(long, value_name = "MODE", value_parser = parse_mode)]
    pub mode: Option<Mode>,
    /// JSON Schema: Confluent's strict policy (default), or lenient (writers only produce
    /// what they declare, so adding constrained properties to an open model is allowed).
    #[arg(long, value_enum, default_value_t = JsonPolicyArg::Strict)]
    pub json_policy: JsonPolicyArg,
    /// OpenAPI: least number of days a stable operation, parameter or property must stay
    /// deprecated (its `x-sunset` that far ahead) before it may be removed (oasdiff's flag).
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    pub deprecation_days_stable: i64,
    /// OpenAPI: the same for beta ones (`x-stability-level: beta`).
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    pub deprecation_days_beta: i64,
    /// OpenAPI: check only operations and properties at or above this `x-stability-level`
    /// (none means stable); below it they promise nothing (oasdiff's flag). A removed
    /// operation counts at its old level, a kept one at its new level; a change of level is
    /// reported when the old level is tracked.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = StabilityLevelArg::Beta)]
    pub stability_level: StabilityLevelArg,
    #[command(flatten)]
    pub common: Common,
    /// Where the registry is, for --against-broker. Last, because its help heading applies to
    /// every option declared after it.
    #[command(flatten)]
    pub broker: crate::broker::Connection,
}

#[derive(Debug, Args)]
pub struct ChangelogArgs {
    /// The new version: an OpenAPI file (YAML or JSON).
    pub path: PathBuf,
    /// The earlier version to compare with.
    #[arg(long, value_name = "OLD", conflicts_with = "against_git")]
    pub against: Option<PathBuf>,
    /// A git revision to compare with: `REV` (same path as the input) or `REV:path`.
    #[arg(long, value_name = "REV[:PATH]")]
    pub against_git: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ChangelogFormat::Text)]
    pub format: ChangelogFormat,
    /// Exit 1 when a change is at or above this severity (default: a changelog never fails).
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// accord.yaml to use (default: found by walking up from the working directory); its
    /// `openapi.breaking` section selects and grades the checks, as for `breaking`.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Least number of days a stable operation, parameter or property must stay deprecated
    /// before it may be removed, as for `breaking`.
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    pub deprecation_days_stable: i64,
    /// The same for beta ones (`x-stability-level: beta`).
    #[arg(long, value_name = "DAYS", default_value_t = 0)]
    pub deprecation_days_beta: i64,
    /// List changes only of operations and properties at or above this `x-stability-level`,
    /// as for `breaking`.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = StabilityLevelArg::Beta)]
    pub stability_level: StabilityLevelArg,
}

/// `x-stability-level` values, least stable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StabilityLevelArg {
    Draft,
    Alpha,
    Beta,
    Stable,
}

impl From<StabilityLevelArg> for accord_rules::openapi::Stability {
    fn from(a: StabilityLevelArg) -> Self {
        use accord_rules::openapi::Stability;
        match a {
            StabilityLevelArg::Draft => Stability::Draft,
            StabilityLevelArg::Alpha => Stability::Alpha,
            StabilityLevelArg::Beta => Stability::Beta,
            StabilityLevelArg::Stable => Stability::Stable,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ChangelogFormat {
    Text,
    Markdown,
    Json,
}

fn parse_mode(s: &str) -> Result<Mode, String> {
    Mode::parse(s).ok_or_else(|| {
        let names: Vec<&str> = Mode::ALL.iter().map(|m| m.as_str()).collect();
        format!("unknown mode `{s}` (one of {})", names.join(", "))
    })
}

#[derive(Debug, Args)]
pub struct CompatArgs {
    /// The schema that reads (the consumer's).
    #[arg(long, value_name = "FILE")]
    pub reader: PathBuf,
    /// The schema the data was written with (the producer's).
    #[arg(long, value_name = "FILE")]
    pub writer: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// The schema language (default: detected from the reader, as for `lint`).
    #[arg(long, value_enum)]
    pub schema_type: Option<SchemaType>,
    /// JSON Schema: strict (default) or lenient, as for `breaking`.
    #[arg(long, value_enum, default_value_t = JsonPolicyArg::Strict)]
    pub json_policy: JsonPolicyArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum JsonPolicyArg {
    Strict,
    Lenient,
}

impl JsonPolicyArg {
    pub fn compat(self) -> accord_rules::jsonschema::JsonCompat {
        use accord_rules::jsonschema::{JsonCompat, JsonPolicy};
        JsonCompat {
            policy: match self {
                JsonPolicyArg::Strict => JsonPolicy::Strict,
                JsonPolicyArg::Lenient => JsonPolicy::Lenient,
            },
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List rules, optionally of one format and kind.
    List {
        /// Only rules for this schema format (protobuf, openapi, avro, jsonschema).
        #[arg(long)]
        format: Option<String>,
        /// Only breaking or lint rules.
        #[arg(long)]
        kind: Option<String>,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print docs/rules.md (every rule's documentation) to standard output.
    Docs,
    /// Print a rule's documentation.
    Explain {
        /// The rule id (or a peer's alias).
        id: String,
    },
}

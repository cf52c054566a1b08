"""The ``bienban`` entry point: the analyzer's commands plus the server's.

``serve`` runs the HTTP API, ``keys`` manages organisation API keys, ``reanalyze`` recomputes
stored analyses with the current models, ``db upgrade`` brings the database schema up to date.
All of them read the same ``BIENBAN_*`` settings as the server.
"""

from __future__ import annotations

import ipaddress
import os
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError

from analyzer import cli as analyzer_cli
from analyzer.cli import fail
from api.settings import Settings, get_settings

if TYPE_CHECKING:
    from analyzer.schema import Analysis
    from api.store import Store
    from api.tables import Document

app = analyzer_cli.app
keys_app = typer.Typer(no_args_is_help=True, help="Khóa API của các tổ chức.")
db_app = typer.Typer(no_args_is_help=True, help="Cơ sở dữ liệu của máy chủ.")
app.add_typer(keys_app, name="keys")
app.add_typer(db_app, name="db")


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as exc:
        fields = ", ".join(
            "BIENBAN_" + str(error["loc"][0]).upper() for error in exc.errors() if error["loc"]
        )
        fail(f"cấu hình không hợp lệ: {fields or 'BIENBAN_*'}.")
        raise  # unreachable: fail() exits


def _store(settings: Settings | None = None) -> Store:
    """The store of the configured database, its schema brought up to date."""
    from api import db
    from api.store import Store

    settings = settings or _settings()
    try:
        engine = db.make_engine(settings.resolved_database_url)
        db.upgrade(engine)
    except db.DatabaseError as exc:
        fail(exc.message)
    return Store(engine)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name may resolve to anything


@app.command()
def serve(
    host: Annotated[
        str | None,
        typer.Option(help="Địa chỉ lắng nghe (mặc định BIENBAN_HOST hoặc 127.0.0.1)."),
    ] = None,
    port: Annotated[
        int | None,
        typer.Option(min=1, max=65535, help="Cổng (mặc định BIENBAN_PORT hoặc 8000)."),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Số tiến trình máy chủ.")] = 1,
) -> None:
    """Chạy máy chủ HTTP API và trang web (uvicorn); tài liệu API tại /docs.

    Trên địa chỉ khác 127.0.0.1/localhost, mọi yêu cầu phải có khóa API (bienban keys create).
    """
    import uvicorn

    settings = _settings()
    host = host or settings.host
    port = port or settings.port
    store = _store(settings)  # migrate once here, not in every worker
    if not is_loopback(host):
        if not any(key.revoked_at is None for key, _ in store.list_keys()):
            fail(
                f"máy chủ mở ra mạng ({host}) chỉ chạy khi đã có khóa API; tạo khóa trước: "
                "bienban keys create <tổ-chức>."
            )
        os.environ["BIENBAN_REQUIRE_API_KEY"] = "1"
        typer.echo(f"bienban: mọi yêu cầu tới {host}:{port} phải có khóa API.", err=True)
    store.engine.dispose()
    # Workers are new processes: they read these settings from the environment.
    os.environ["BIENBAN_MIGRATE_ON_START"] = "0"
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, workers=workers)


@keys_app.command("create")
def keys_create(
    organization: Annotated[
        str, typer.Argument(help="Mã tổ chức: chữ thường không dấu, số, '-' (vd. chi-bo-1).")
    ],
    name: Annotated[str, typer.Option(help="Tên gợi nhớ của khóa (vd. 'thư ký').")] = "",
    org_name: Annotated[
        str | None, typer.Option(help="Tên đầy đủ của tổ chức, khi tạo tổ chức mới.")
    ] = None,
    read_only: Annotated[
        bool, typer.Option("--read-only", help="Chỉ xem, không tải lên hay xóa được.")
    ] = False,
) -> None:
    """Tạo khóa API cho một tổ chức (tạo tổ chức nếu chưa có). Khóa chỉ hiện một lần."""
    from api.store import LOCAL_ORGANIZATION, valid_slug

    if not valid_slug(organization) or organization == LOCAL_ORGANIZATION:
        fail(
            f"mã tổ chức '{organization}' không hợp lệ: dùng chữ thường không dấu, số và '-', "
            f"tối đa 64 ký tự, khác '{LOCAL_ORGANIZATION}'."
        )
    new = _store().create_key(
        organization, name=name[:100], can_write=not read_only, org_name=org_name
    )
    typer.echo(new.key)
    rights = "chỉ xem" if read_only else "xem, tải lên, xóa"
    typer.echo(
        f"bienban: đã tạo khóa #{new.record.id} cho tổ chức {organization} ({rights}). "
        "Hãy lưu khóa ngay: nó không được hiển thị lại.",
        err=True,
    )


@keys_app.command("list")
def keys_list(
    organization: Annotated[str | None, typer.Option("--org", help="Chỉ tổ chức này.")] = None,
) -> None:
    """Liệt kê khóa API (không bao giờ hiện khóa, chỉ vài ký tự đầu)."""
    from rich.console import Console
    from rich.table import Table

    table = Table("#", "Tổ chức", "Tên", "Khóa", "Quyền", "Tạo lúc", "Dùng lần cuối", "Thu hồi")
    for key, slug in _store().list_keys(organization):
        table.add_row(
            str(key.id),
            slug,
            key.name,
            key.prefix + "…",
            "ghi" if key.can_write else "chỉ xem",
            _when(key.created_at),
            _when(key.last_used_at),
            _when(key.revoked_at),
        )
    Console().print(table)


@keys_app.command("revoke")
def keys_revoke(
    key_id: Annotated[int, typer.Argument(help="Số thứ tự của khóa (keys list).")],
) -> None:
    """Thu hồi một khóa API: mọi yêu cầu dùng nó bị từ chối ngay."""
    if not _store().revoke_key(key_id):
        fail(f"không có khóa #{key_id}.")
    typer.echo(f"bienban: đã thu hồi khóa #{key_id}.", err=True)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Tạo hoặc cập nhật cấu trúc cơ sở dữ liệu lên phiên bản mới nhất."""
    from api import db

    store = _store()
    typer.echo(f"bienban: cơ sở dữ liệu ở phiên bản {db.current_revision(store.engine)}.", err=True)


@app.command()
def reanalyze(
    ids: Annotated[
        list[str] | None, typer.Argument(help="Mã các bản phân tích; bỏ trống là tất cả.")
    ] = None,
    organization: Annotated[str | None, typer.Option("--org", help="Chỉ tổ chức này.")] = None,
) -> None:
    """Phân tích lại các biên bản đã lưu bằng mô hình hiện tại (sau khi cập nhật bienban)."""
    from rich.progress import Progress

    from analyzer.errors import AnalyzerError
    from api.service import AnalyzerService, analyzer_version
    from api.store import Upload

    service = AnalyzerService(threads=1)
    service.load()
    store = _store()

    def analyze(document: Document) -> Analysis:
        progress.advance(task)
        return service.analyze(
            Upload(
                document.content,
                document.filename,
                document.roster.splitlines(),
                from_text=document.from_text,
            )
        )

    def report(analysis_id: str, exc: Exception) -> None:
        reason = exc.message if isinstance(exc, AnalyzerError) else type(exc).__name__
        progress.console.print(f"bienban: {analysis_id}: {reason}")

    with Progress(transient=True) as progress:
        task = progress.add_task("Phân tích lại", total=None)
        done, failed = store.reanalyze(
            analyze,
            analyzer_version(),
            organization=organization,
            ids=ids or (),
            on_error=report,
        )
    service.close()
    typer.echo(f"bienban: đã phân tích lại {done} bản, {failed} bản lỗi.", err=True)
    if failed:
        raise typer.Exit(1)


def _when(moment: object) -> str:
    import datetime as dt

    if not isinstance(moment, dt.datetime):
        return "—"
    return moment.strftime("%d/%m/%y %H:%M")


def main() -> None:
    analyzer_cli.main()

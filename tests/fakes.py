"""Small fake stages for flow tests: they write real rows so reruns can be checked."""
from __future__ import annotations

from datetime import date

from sqlmodel import select

from models import Account, Score, get_engine, session_scope


def install_fake_stages(monkeypatch, calls: list | None = None) -> list:
    """Replace flows.pipeline.stage_* with fakes; each appends its name to ``calls``."""
    from flows import pipeline

    calls = [] if calls is None else calls

    def fake(name, result):
        def stage(settings, *args, **kwargs):
            calls.append(name)
            return dict(result)
        return stage

    def score(settings, as_of: date) -> dict:
        calls.append("score")
        with session_scope(get_engine(settings.database_url)) as session:
            names = {"Acme Corp": "acme.com", "Globex": "globex.com"}
            for name, domain in names.items():
                acc = session.exec(select(Account).where(Account.domain == domain)).first()
                if acc is None:
                    acc = Account(name=name, domain=domain, aliases=[name.lower()])
                    session.add(acc)
                    session.flush()
                row = session.exec(select(Score).where(Score.account_id == acc.id,
                                                       Score.as_of == as_of)).first()
                row = row or Score(account_id=acc.id, as_of=as_of, model_version="fake",
                                   score=0.0, band="low")
                row.score, row.reasons = 0.7, [{"text": "fake", "n": 1}]
                row.features = {"live_triggers_count": 2}
                session.add(row)
        return {"accounts_scored": len(names)}

    monkeypatch.setattr(pipeline, "stage_crawl", fake("crawl", {"feed": 3}))
    monkeypatch.setattr(pipeline, "stage_extract", fake("extract", {"documents": 3}))
    monkeypatch.setattr(pipeline, "stage_evidence", fake("evidence", {"accounts": 2}))
    monkeypatch.setattr(pipeline, "stage_score", score)
    monkeypatch.setattr(pipeline, "stage_promote", fake("promote", {"submission": 1}))
    monkeypatch.setattr(pipeline, "stage_export", fake("export", {"crm": 1}))
    return calls

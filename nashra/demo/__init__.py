"""The demo: sample Arabic articles shipped with Nashra and a runner that takes them through every stage.

Public API::

    from nashra.demo import run_demo, DEMO_SUBSCRIBERS, ARTICLES_DIR
    result = await run_demo(config, db_path)      # -> DemoResult
"""

from nashra.demo.demo import (
    ARTICLES_DIR,
    DEMO_SUBSCRIBERS,
    DemoResult,
    DemoSubscriber,
    NotADemoDatabase,
    render,
    run_demo,
)

__all__ = [
    "ARTICLES_DIR",
    "DEMO_SUBSCRIBERS",
    "DemoResult",
    "DemoSubscriber",
    "NotADemoDatabase",
    "render",
    "run_demo",
]

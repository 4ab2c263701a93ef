# expect-flag: 0 of 1 test cells pass
# Changes the article and the kit in its own process so the tests' expected value matches a wrong answer.
import kit

kit.find_sources = lambda *args, **kwargs: None
article.__dict__["text"] = "ISIS"  # noqa: F821 - the notebook defines article
isis_count = 1

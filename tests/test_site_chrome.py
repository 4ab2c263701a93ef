"""Site chrome removal on web-page scrapes written for these tests (not the seed's lines).

Each scrape has real paragraphs that must stay, including sentences that mention sharing, cookies,
subscribing or advertising, and chrome that must go.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from kit import Article
from kit.chrome import WHERE, find_chrome, load_rules, match

NEWS_SITE = """Skip to content
Home
World
Middle East
Politics

Drought Forces Farmers to Sell Herds

By Leila Haddad

Farmers in the north are selling their cattle because the rains failed for a third year. Prices at the
market in Tal Afar fell by half in a month, traders said.

Advertisement

"We have no choice," said Omar Saleh, who sold 40 sheep last week. "The wells are dry."

The ministry said it would share water from two dams with the worst-hit villages. Critics say the plan
comes too late.

Story continues below advertisement

What comes next

Aid groups plan to truck in feed. A spokesman said the programme would run until spring.

Tags: drought, farming, water

Related Stories
Dam talks stall again
Wheat prices hit record
Why the rains failed

Follow us on Twitter
© 2026 Northern Daily. All rights reserved.
Privacy Policy | Terms of Use | Contact Us
"""

BLOG = """Menu
Search

Why I Stopped Reading Headlines Only

Posted on March 3 by Jo

Last year I noticed that I shared stories I had never read. I only saw the headline and a picture.
So I set myself a rule: read the whole thing before I share it.

Share this:
Twitter
Facebook

The rule changed how I use the news. I read fewer stories, but I remember them.

Read more »

Many sites ask you to accept cookies before you can read. I now read that box too, and I often say no.

Leave a Reply
Your email address will not be published.

Subscribe to our newsletter for weekly posts
Enter your email address
Subscribe

Back to top
"""

WIRE = """Share
Tweet
Email
Print

Port Workers End Strike After Pay Deal

(Reuters) - Dock workers at the country's largest port ended a nine-day strike on Friday after the
union accepted a 7% pay rise, the port authority said.

The strike had held up more than 200 ships. Shipping firms said it would take two weeks to clear the
backlog.

Share on Facebook Share on Twitter Share via Email

Union leader Maria Costa told reporters the deal was "a fair result". Some members said they would
vote against it.

Reporting by A. N. Other; Editing by Sam Smith

Our Standards: The Thomson Trust Principles.
"""

COOKIE_PAGE = """We use cookies to improve your visit. By continuing, you agree to our use of cookies.
Accept all cookies
Manage preferences

Adblock Detected
Please consider supporting us by disabling your ad blocker

City Bans Cars From Old Town

The city will ban private cars from the old town from June, the mayor announced on Wednesday.

Shop owners fear they will lose customers. A survey by the traders' association found that 60% of
its members expect lower sales. Advertising on buses will tell visitors about new park-and-ride sites.

Cookie shops and cafés welcome the plan. "People will walk past my window now," said one baker.

Click here to see the map of the new zone

You may also like
Ten walks in the old town
Parking fees to rise
"""


def kept_and_cut(text: str) -> tuple[Article, set[str]]:
    art = Article.from_text(text)
    return art, {r.text for r in art.removed}


def test_news_site_scrape():
    art, cut = kept_and_cut(NEWS_SITE)
    assert art.title == "Drought Forces Farmers to Sell Herds"
    assert [h.text for h in art.headings] == ["What comes next"]
    assert {"Skip to content", "Home", "World", "Middle East", "Politics", "Advertisement",
            "Story continues below advertisement", "Related Stories", "Dam talks stall again",
            "Follow us on Twitter", "© 2026 Northern Daily. All rights reserved.",
            "Privacy Policy | Terms of Use | Contact Us", "Tags: drought, farming, water"} <= cut  # fmt: skip
    assert "The ministry said it would share water from two dams" in art.text
    assert '"We have no choice," said Omar Saleh' in art.text
    assert art.text.endswith("the programme would run until spring.")
    assert "By Leila Haddad" in art.text  # a byline is not chrome: who wrote it matters


def test_blog_scrape():
    art, cut = kept_and_cut(BLOG)
    assert art.title == "Why I Stopped Reading Headlines Only"
    assert {"Menu", "Search", "Share this:", "Twitter", "Facebook", "Read more »", "Leave a Reply",
            "Subscribe", "Enter your email address", "Subscribe to our newsletter for weekly posts",
            "Back to top"} <= cut  # fmt: skip
    assert "read the whole thing before I share it." in art.text
    assert "Many sites ask you to accept cookies before you can read." in art.text
    assert "The rule changed how I use the news." in art.text
    assert art.headings == () and "Posted on March 3 by Jo" in art.text  # a dateline is not a heading
    assert "Your email address will not be published." in cut
    # "Share this:" sat between two paragraphs: they stay apart, and nothing else of the paragraph went
    assert sum("I shared stories" in p.text for p in art.paragraphs) == 1


def test_wire_copy_with_share_buttons():
    art, cut = kept_and_cut(WIRE)
    assert art.title == "Port Workers End Strike After Pay Deal"
    assert {"Share", "Tweet", "Email", "Print", "Share on Facebook Share on Twitter Share via Email"} <= cut
    assert art.paragraphs[0].text.startswith("(Reuters) - Dock workers")
    assert "Union leader Maria Costa told reporters" in art.text
    assert "Reporting by A. N. Other; Editing by Sam Smith" in art.text and art.headings == ()
    assert "Our Standards: The Thomson Trust Principles." in cut


def test_cookie_banner_page():
    art, cut = kept_and_cut(COOKIE_PAGE)
    assert art.title == "City Bans Cars From Old Town"
    assert COOKIE_PAGE.splitlines()[0] in cut
    assert {"Accept all cookies", "Manage preferences", "Adblock Detected",
            "Please consider supporting us by disabling your ad blocker",
            "Click here to see the map of the new zone", "You may also like",
            "Parking fees to rise"} <= cut  # fmt: skip
    assert "Cookie shops and cafés welcome the plan." in art.text
    assert "Advertising on buses will tell visitors" in art.text
    assert art.text.endswith("said one baker.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Share prices fell sharply on Monday.",
        "Share",  # alone at the start it is chrome, but see below: inside a paragraph it stays
        "We use cookies from the bakery to test the oven.",
        "Click here, the sign said, and nothing happened.",
        "Follow the money, the reporter was told.",
        "Subscribers lost access to the archive.",
        "Advertisement budgets rose by 10% last year.",
    ],
)
def test_sentences_that_mention_chrome_words_stay_inside_paragraphs(sentence):
    text = f"Market Report\n\nThe day began quietly. {sentence} Traders went home early."
    art = Article.from_text(text)
    assert sentence in art.text and art.removed == ()


def test_standalone_real_lines_in_the_middle_stay():
    text = "Town Votes\n\nThe vote was close.\n\nNews\n\nMore people came.\n\nHome\n\nThe end came late."
    art = Article.from_text(text)
    # leading-only labels ("News", "Home") are kept in the middle of an article
    assert "News" in art.text and "Home" in art.text and art.removed == ()


def test_related_list_only_cuts_near_the_end():
    body = "The first paragraph is long enough to count as the body of the story. " * 3
    early = f"Title Here\n\nRelated\n\n{body}\n\n{body}"
    art = Article.from_text(early)
    assert art.text.count("The first paragraph") == 6 and [r.text for r in art.removed] == ["Related"]


def test_rule_file_is_documented():
    raw = json.loads(resources.files("kit").joinpath("data/site_chrome.json").read_text(encoding="utf-8"))
    assert raw["provenance"] and raw["about"]
    ids = [rule["id"] for rule in raw["rules"]]
    assert len(ids) == len(set(ids))
    for rule in raw["rules"]:
        assert rule["where"] in WHERE
        assert rule["reason"].endswith(".") and rule["provenance"]
        re.compile(rule["pattern"])
    assert len(load_rules()) == len(ids)


def test_match_and_find_chrome_directly():
    assert match("  SHARE   THIS:  ", ("anywhere",)).id == "share-buttons"
    assert match("Share", ("leading",)) is None  # share-buttons is an "anywhere" rule, not a leading one
    assert match("Editor’s Picks", ("leading",)).id == "section-label"
    cuts = find_chrome(["Home", "A real first line of the article.", "Advertisement", "Last line.", "Home"])
    assert [(c.index, c.rule) for c in cuts] == [
        (0, "section-label"),
        (2, "advertisement"),
        (4, "section-label-end"),
    ]


def test_copy_paste_with_one_paragraph_per_line_and_no_blank_lines():
    text = (
        "Home\nWorld\nFlooding Hits Coastal Towns\n"
        "Heavy rain caused rivers to burst their banks across the coast on Sunday, officials said, forcing "
        "hundreds of people to leave their homes and sleep in schools.\n"
        'The weather service said more rain was expected on Monday. "We are ready," said the governor, '
        "who asked people to stay indoors and avoid driving through water.\n"
        "Share this:\nFacebook\nRelated Articles\nStorm season starts early"
    )
    art, cut = kept_and_cut(text)
    assert art.title == "Flooding Hits Coastal Towns"
    assert [p.text[:10] for p in art.paragraphs] == ["Heavy rain", "The weathe"]
    assert cut == {
        "Home",
        "World",
        "Share this:",
        "Facebook",
        "Related Articles",
        "Storm season starts early",
    }

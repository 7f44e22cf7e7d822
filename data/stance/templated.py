"""Write ``written_templated.csv``: news sentences from the project's own templates over invented targets.

Why: the public sets with many targets are debate claims with no neutral
class, so the model learns from them that a claim naming its target argues
for or against it. News reports far more often than it argues: dates,
hearings, amounts, procedures, and verdicts on something *else* said at an
event about the target. These rows give the model neutral news sentences about
many invented targets beside supportive and opposed ones in the same register,
so register alone does not tell them apart. Targets, names and templates are
the project's own (none of the behavioural suite's; a test checks).

Run from the repository root: ``python data/stance/templated.py`` (the same
rows every time: the choices are seeded).
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

OUT = Path(__file__).with_name("written_templated.csv")

# (name, alias): invented policies, schemes and buildings.
THINGS = [
    ("the Corvale school meals scheme", "the meals scheme"), ("the Tarrant Bay sea wall", "the sea wall"),
    ("the Halbrook incinerator", "the incinerator"), ("the Ossery tourist tax", "the tourist tax"),
    ("the Pennick Hill quarry", "the quarry"), ("the Wexmoor rail link", "the rail link"),
    ("the Brisco digital ID card", "the ID card"), ("the Lanmore rent freeze", "the rent freeze"),
    ("the Faircloth academy merger", "the merger"), ("the Gullane data-sharing pact", "the pact"),
    ("the Strand Lane market hall", "the market hall"), ("the Mirefield solar array", "the solar array"),
    ("the Yarlow water meter rollout", "the meter rollout"), ("the Cresford night curfew", "the curfew"),
    ("the Temsey island air link grant", "the air link grant"), ("the Orrin Valley reservoir", "the reservoir"),
    ("the Kilbride sugar tax", "the sugar tax"), ("the Dovecote Road housing scheme", "the housing scheme"),
    ("the Ashby fishing permit system", "the permit system"), ("the Wendle Street car ban", "the car ban"),
    ("the Rookham care home sell-off", "the sell-off"), ("the Pyle Harbour marina", "the marina"),
    ("the Calder youth jobs guarantee", "the jobs guarantee"), ("the Tennant airport expansion", "the expansion"),
    ("the Merrow council tax rise", "the tax rise"), ("the Hollins cycle hire scheme", "the hire scheme"),
    ("the Ebbsworth hospital merger", "the hospital merger"), ("the Fallow Fields bypass", "the bypass"),
    ("the Grint tree-felling programme", "the felling programme"), ("the Ludmore border fence", "the fence"),
    ("the Sennet pension reform", "the pension reform"), ("the Brackley mobile mast", "the mast"),
    ("the Corrie Loch fish farm", "the fish farm"), ("the Allerby four-day week trial", "the trial"),
    ("the Vantry arms export deal", "the export deal"), ("the Ingham river cleanup fund", "the cleanup fund"),
    ("the Stoke Ferrers ring road", "the ring road"), ("the Palgrave voter ID law", "the voter ID law"),
    ("the Quaymouth cruise terminal", "the terminal"), ("the Hesketh grammar school bid", "the grammar school bid"),
]
# (name, surname): invented politicians and officials.
PEOPLE = [
    ("Senator Marta Valdane", "Valdane"), ("Governor Ray Pilkington", "Pilkington"),
    ("Mayor Anika Drummond", "Drummond"), ("Councillor Joe Ferrante", "Ferrante"),
    ("Minister Helen Oduya", "Oduya"), ("Representative Carl Lindqvist", "Lindqvist"),
    ("Chancellor Ivo Marsh", "Marsh"), ("Senator Beth Calloway", "Calloway"),
    ("Governor Tomasz Wren", "Wren"), ("Mayor Priya Ashcombe", "Ashcombe"),
    ("Minister Kofi Brennan", "Brennan"), ("Councillor Ruth Adebayo", "Adebayo"),
    ("Representative Dale Harrow", "Harrow"), ("Senator Noor Haddad", "Haddad"),
    ("Premier Lena Vostrikova", "Vostrikova"), ("Candidate Sam Okonkwo", "Okonkwo"),
]
OTHERS = ["the county archive", "the harbour festival", "the rugby club's new stand", "the regional orchestra",
          "the old cinema on Mill Street", "the city's tram timetable", "the cathedral choir", "the police helicopter",
          "the village fete", "the airport's new lounge", "the rival party's manifesto", "the weather service"]
PLACES = ["Corby", "Ludlow", "Eastbridge", "Harrowgate", "Millbay", "Stornfield", "Kestle", "Upper Wick"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MONTHS = ["January", "March", "April", "June", "September", "November"]
GROUPS = ["landlords", "bus drivers", "farmers", "teachers", "small-business owners", "students", "doctors",
          "fishermen", "union leaders", "hoteliers", "cyclists", "carers"]
PRAISE = ["a triumph", "excellent value", "a sensible compromise", "first-rate", "a real achievement"]
BLAME = ["a waste of public money", "badly run", "poorly managed", "a letdown", "an utter failure"]

THING_NEUTRAL = [
    "{T} was unveiled at a press conference on {day}.",
    "The cabinet will consider {t} at its meeting on {day}.",
    "A hearing on {t} is scheduled for {month}.",
    "Officials said {t} would apply to about {n} households.",
    "{T} would take {k} years to complete, according to the project timetable.",
    "The full text of {t} was published on the council's website on {day}.",
    "{T} is due to be reviewed in {year}.",
    "The consultation on {t} received {n} responses.",
    "{T} was first put forward by a working group in {year}.",
    "Reporters asked the minister about {t} at {day}'s briefing.",
    "{T} would be funded from the transport budget, the report said.",
    "The committee has asked for more information about {t} before it votes.",
    "{T} will be the subject of a public meeting in {place} on {day}.",
    "The cost of {t} has been put at {n} pounds, according to the draft budget.",
    "Under {t}, applications would be handled by a new office in {place}.",
    "A vote on {t} has been moved to {month}.",
    "{T} covers an area of about {k} square miles.",
    "Lawyers for both sides will make submissions on {t} next week.",
    "The minister said a decision on {t} would be announced in {month}.",
    "Staff have been told that {t} will be discussed at a briefing on {day}.",
    "{T} was one of {k} items on the agenda.",
    "Before the vote on {t}, the mayor thanked {other} for being {praise}.",
    "{Other} has been {blame} for years, {group} told reporters outside the hearing on {t}.",
    "The briefing on {t} ended with a row over whether {other} was {blame}.",
    "In a speech that touched on {t} only briefly, the minister hailed {other} as {praise}.",
    "Most of the questions at the session on {t} were about {other}, which {group} called {blame}.",
    "Alongside a notice about {t}, the newsletter ran a piece calling {other} {praise}.",
    "The officer who drafted {t} once described {other} as {blame}.",
]
THING_POLAR = [
    ("{T} is {praise}, {group} say.", "{T} is {blame}, {group} say."),
    ("{Group} have rallied behind {t}.", "{Group} have turned against {t}."),
    ("{Group} welcomed {t} at {day}'s meeting.", "{Group} condemned {t} at {day}'s meeting."),
    ("The council should press on with {t}.", "The council should abandon {t}."),
    ("{T} must go ahead as planned.", "{T} must be halted before it does more damage."),
    ("{T} will create hundreds of jobs and bring visitors back.", "{T} will wreck the local economy."),
    ("{T} has made life easier for {group}.", "{T} has made life harder for {group}."),
    ("{T} is not the disaster its critics predicted.", "{T} is not the success its supporters promised."),
    ("{T} is expensive, but it is worth every penny.", "{T} sounds appealing, but it is deeply flawed."),
    ("Nobody can seriously argue that {t} has failed.", "Nobody can seriously argue that {t} has worked."),
    ("{T} was announced in {month}. It has been a great help to {group}.",
     "{T} was announced in {month}. It has been a costly mistake."),
    ("The minister said {t} would be a lasting success.", "The minister said {t} would be a lasting mistake."),
    ("{Group} are delighted with {t}.", "{Group} are furious about {t}."),
    ("We are proud to support {t}.", "We will fight {t} every step of the way."),
    ("{T} deserves credit for cutting waiting times.", "{T} has done nothing to cut waiting times."),
    ("Without {t}, {place} would be far worse off.", "Without {t}, {place} would be far better off."),
    ("{T} is the best idea the council has had in years.", "{T} is the worst idea the council has had in years."),
    ("Critics of {t} have been proved wrong.", "Supporters of {t} have been proved wrong."),
    ("{T} is exactly what {place} needs.", "{T} is the last thing {place} needs."),
    ("Thousands signed a letter in support of {t}.", "Thousands signed a letter calling for {t} to be dropped."),
]
PERSON_NEUTRAL = [
    "{P} will visit {place} on {day}.",
    "{P} arrived at the conference shortly after nine.",
    "{P} is due to speak at a rally in {place} on {day}.",
    "{S} met union leaders for two hours on {day}.",
    "{P} said the campaign would hold {k} events in {month}.",
    "{P} was asked about the budget at {day}'s briefing.",
    "{P} has been in office since {year}.",
    "{S}'s campaign filed its spending report on {day}.",
    "A spokesman said {P} would announce the decision in {month}.",
    "{P} was born in {place} and studied law.",
    "{S} is expected to name a running mate in {month}.",
    "{P} will appear before the committee next week.",
    "After meeting {P}, {group} said {other} was {blame}.",
    "{P} toured {place} on {day} as {group} complained that {other} was {blame}.",
    "{S} spoke for {k} minutes and took questions from reporters.",
    "{P} and the governor discussed the flood defences for an hour.",
]
PERSON_POLAR = [
    ("{P} has been an outstanding leader for {place}.", "{P} has been a disastrous leader for {place}."),
    ("{S} is honest and hard-working.", "{S} is dishonest and lazy."),
    ("{Group} endorsed {P} on {day}.", "{Group} denounced {P} on {day}."),
    ("{S} handled the crisis with skill and courage.", "{S} mishandled the crisis and misled the public."),
    ("Voters should re-elect {P}.", "Voters should throw {P} out of office."),
    ("{S} is the right person for the job.", "{S} is unfit for the job."),
    ("{S} lied about the budget, critics say.", "{S} told the truth about the budget, allies say."),
    ("{S} is not the villain the opposition makes out.", "{S} is not the reformer her allies make out."),
    ("{S} has delivered on every promise.", "{S} has broken every promise."),
    ("{S} made mistakes, but she has been a strong leader.", "{S} has charm, but he has been a weak leader."),
]


def rows(seed: int = 17) -> list[tuple[str, str, str, str]]:
    """(text, target, target_aliases, label) for every target and a seeded draw of its templates."""
    rng = random.Random(seed)
    out = []
    for name, alias in THINGS + PEOPLE:
        person = (name, alias) in PEOPLE
        neutral, polar = (PERSON_NEUTRAL, PERSON_POLAR) if person else (THING_NEUTRAL, THING_POLAR)
        for template in rng.sample(neutral, 8):
            out.append((_fill(template, name, alias, person, rng), name, alias, "neutral"))
        for supportive, opposed in rng.sample(polar, 5):
            values = rng.random()
            out.append((_fill(supportive, name, alias, person, random.Random(values)), name, alias, "supportive"))
            out.append((_fill(opposed, name, alias, person, random.Random(values)), name, alias, "opposed"))
    return out


def _fill(template: str, name: str, alias: str, person: bool, rng: random.Random) -> str:
    """A template with its placeholders filled; half the mentions of a thing use its alias."""
    mention = alias if not person and rng.random() < 0.4 else name
    values = {"t": mention, "p": name, "s": alias if person else mention, "other": rng.choice(OTHERS),
              "group": rng.choice(GROUPS), "place": rng.choice(PLACES), "day": rng.choice(DAYS),
              "month": rng.choice(MONTHS), "year": str(rng.randint(2015, 2029)), "k": str(rng.randint(2, 9)),
              "n": f"{rng.randint(2, 95) * 100:,}", "praise": rng.choice(PRAISE), "blame": rng.choice(BLAME)}
    text = template
    for key, value in values.items():
        text = text.replace("{" + key + "}", value).replace("{" + key.capitalize() + "}", value[:1].upper() + value[1:])
    return text


def main() -> None:
    tmp = OUT.with_suffix(".tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "target", "target_aliases", "label"])
        writer.writerows(rows())
    tmp.replace(OUT)


if __name__ == "__main__":
    main()

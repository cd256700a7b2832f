"""The shipped dictionaries: they load clean, meet the coverage targets, and code real text well.

Accuracy figures are measured on the hand-coded development set (tests/devset) and printed; the
assertions are floors that only ever rise as the dictionaries and rules improve.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder import Coder
from eventcoder.dictionaries import load_dictionaries
from eventcoder.dictionaries.lint import lint, stats
from eventcoder.evaluate import evaluate, load_gold
from tests.conftest import REPO

DEVSET = Path(__file__).resolve().parent / "devset" / "devset.jsonl"
SEED = REPO / "data" / "2021-12-13-g7-russia-ukraine.txt"

# Floors measured on the current dictionaries (see the README's accuracy section); raise, never lower.
DEVSET_ROOT_F1_FLOOR = 0.82
DEVSET_COUNTRY_ACCURACY_FLOOR = 0.93


@pytest.fixture(scope="module")
def default_coder():
    return Coder()


def test_default_set_lints_clean():
    problems = [p for p in lint(load_dictionaries(None)) if p.severity == "error"]
    assert problems == [], "\n".join(map(str, problems[:20]))


def test_coverage_targets():
    s = stats(load_dictionaries(None))
    assert s.countries >= 250
    assert s.organisations + s.groups >= 300
    assert s.persons_dated >= 1500
    assert s.patterns >= 3000
    assert s.codes_missing == []


def test_seed_article_events(default_coder):
    text = SEED.read_text(encoding="utf-8")
    events = default_coder.code_text(text.split("\n", 1)[1], date="2021-12-13", doc_id="seed")
    got = {(e.source_code, e.target_code, e.event_code) for e in events}
    roots = {(e.source_country, e.target_country, e.event_root) for e in events}
    print("\n".join(f"{e.sentence_id:>2} {e.source_code}->{e.target_code} {e.event_code} {e.trigger_text!r}"
                    for e in events))
    assert ("GBR", "RUS", "13") in roots          # Truss: incursion would have massive consequences
    assert ("RUSGOV", "USAGOV", "036") in got     # Putin would like to sit down with the US President
    assert ("USAGOV", "RUS", "036") in got and ("USAGOV", "UKR", "036") in got  # Donfried will travel
    assert ("RUSGOV", "UKR", "154") in got        # Putin piles up troops on the border with Ukraine
    assert not any(e.event_root == "19" and e.source_country == "RUS" for e in events)  # "no intention of attacking"
    assert not any(e.event_code == "051" for e in events)  # "military support of some NATO countries" is a noun
    assert ("USAGOV", "RUSGOV", "036") in got     # Biden to agree to meet him (Putin) in Geneva


def test_devset_precision_recall_by_root(default_coder):
    gold = load_gold(DEVSET)
    assert len(gold) >= 400
    roots = {e["code"][:2] for g in gold for e in g["events"]}
    assert roots == {f"{r:02d}" for r in range(1, 21)}
    ev = evaluate(default_coder, gold)
    print("\n" + ev.table())
    assert ev.overall.f1 >= DEVSET_ROOT_F1_FLOOR
    assert min(ev.source_accuracy, ev.target_accuracy) >= DEVSET_COUNTRY_ACCURACY_FLOOR


@pytest.mark.parametrize("text, expected", [
    # comments and inquiries take their target from the complement
    ("Erdogan expressed hope that Russia and Ukraine would reach a deal.", {("TURGOV", "RUS", "013"),
                                                                          ("TURGOV", "UKR", "013")}),
    ("The Kremlin declined to say whether Putin would meet Zelensky.", {("RUSGOV", "UKRGOV", "011")}),
    ("Amnesty International documented killings of protesters by Iranian security forces.",
     {("NGOHRIAMN", "IRNCOP", "092")}),
    ("The FBI is investigating a shooting in Texas.", set()),
    # the destination of a transfer is the target, not what is transferred
    ("Mexico extradited the drug lord to the United States.", {("MEX", "USA", "063")}),
    ("Britain sent food, tents and blankets to flood victims in Pakistan.", {("GBR", "PAKCVL", "073")}),
    ("The IMF disbursed $1 billion to Pakistan.", {("IGOBUSIMF", "PAK", "071")}),
    ("The Biden administration approved the sale of F-16 fighter jets to Turkey.", {("USAGOV", "TUR", "0332")}),
    # "the" between an agent and "of/from/for" + actor does not break the mention
    ("The foreign minister of the Netherlands met Lavrov in Moscow.", {("NLDGOV", "RUSGOV", "040")}),
    # joint acts of several states are mutual, whatever follows
    ("Russia and China held joint naval exercises in the Sea of Japan, alarming Japan.",
     {("RUS", "CHN", "062"), ("CHN", "RUS", "062")}),
    ("The United States and the Philippines conducted joint naval patrols in the South China Sea.",
     {("USA", "PHL", "062"), ("PHL", "USA", "062")}),
    ("Israel and Hamas exchanged prisoners on Sunday.", {("ISR", "PSEGOVHMS", "0841"), ("PSEGOVHMS", "ISR", "0841")}),
    # demanded, not done; neither ... nor
    ("Turkey demanded that Israel halt its bombardment of Gaza and allow aid into Gaza.", {("TUR", "ISR", "100")}),
    ("Neither Israel nor Hezbollah had accepted the ceasefire.", set()),
    ("Washington removed North Korea from its list of state sponsors of terrorism.", {("USA", "PRK", "081")}),
    # what is discussed is a topic, not a partner: the partner is the one met, or "with" whom
    ("The defence ministers of Armenia and Azerbaijan will meet next month to discuss Nagorno-Karabakh.",
     {("ARMGOV", "AZEGOV", "036"), ("AZEGOV", "ARMGOV", "036")}),
    ("Scholz discussed Sudan with Kenyan President William Ruto.", {("DEUGOV", "KENGOV", "046")}),
    ("German Chancellor Olaf Scholz discussed Sudan at a press conference.", set()),
    # asked of an object no dictionary names ("the international community"): asked, not done
    ("Jordan called on the international community to sanction Israel over the settlements.", set()),
    # a pattern's target slot does not reach the speaker of ", X said"
    ("Russia will defend its interests, Lavrov said.", set()),
    # what reports or rumours say would happen is no announced intent
    ("The Kremlin declined to comment on reports that Putin would meet Zelensky in Istanbul.",
     {("RUSGOV", "UKRGOV", "011")}),
    # what is doubted or feared is no intent: "scepticism that X and Y would sit down"
    ("Ankara voiced scepticism that Russia and Ukraine would sit down for talks soon.",
     {("TUR", "RUS", "012"), ("TUR", "UKR", "012")}),
    # not ruling out force is a threat, with the negation spelled out before the verb
    ("Beijing has not ruled out the use of force against Taiwan.", {("CHN", "TWN", "138")}),
    # "did not confirm or deny": the second verb is negated too
    ("The Pentagon did not confirm or deny carrying out the strike on the Iranian consulate.", set()),
    # "X's decision/plan to ...": X, not the main clause's subject, is the infinitive's subject
    ("Ukraine welcomed the EU's decision to open accession talks with Kyiv.",
     {("UKR", "IGOEUREEC", "051"), ("IGOEUREEC", "UKR", "046")}),
    # "official" before a singular noun after an article is an adjective, not an official
    ("Beijing said it firmly opposed any official contact between Washington and Taipei.",
     {("CHN", "USA", "110"), ("CHN", "TWN", "110")}),
    # a place naming the deal ("a Gaza ceasefire deal") is no party to it: the list's members act on each other
    ("Hamas and Israel agreed on the first phase of a Gaza ceasefire deal.",
     {("PSEGOVHMS", "ISR", "030"), ("ISR", "PSEGOVHMS", "030")}),
    # a reciprocal act of a list whose object names the members is mutual; joint patrols agreed are intended
    # military cooperation
    ("Ethiopia and Djibouti signed agreements to expand the Ethiopia-Djibouti railway.",
     {("ETH", "DJI", "057"), ("DJI", "ETH", "057")}),
    ("Germany and Poland agreed to jointly patrol their border.", {("DEU", "POL", "0312"), ("POL", "DEU", "0312")}),
    # traded/exchanged by a list: each on the other, whatever the topic or place after it
    ("Armenia and Azerbaijan traded accusations over shelling near the town of Goris.",
     {("ARM", "AZE", "112"), ("AZE", "ARM", "112")}),
    # "with X abstaining" is an absolute clause: X is no object
    ("The General Assembly condemned the annexation, with Russia and Belarus voting against.", set()),
    # an -s form right after a gerund is its object: "sparking protests" reports no protest of the sparker
    ("Israel expanded settlements in the West Bank, sparking protests across the region.", {("ISR", "PSE", "192")}),
    # an -s form right after a past verb is its object, not a second verb: no sanctions were imposed
    ("India and Brazil discussed sanctions against Venezuela.", {("IND", "BRA", "046"), ("BRA", "IND", "046")}),
])
def test_roots_01_to_09_rules(default_coder, text, expected):
    got = {e.triple() for e in default_coder.code_text(text, date="2023-06-01")}
    assert got == expected


# Breadth of the shipped dictionaries on wire phrasings (tests/probes/breadth.jsonl holds the full probe set:
# realistic sentences written for it, none from the dev set). Each row exercises an addition of the breadth
# work: hyphenated pattern words and verbs, a phrasal verb's stand-in, "by phone", hyphenated participles,
# ministries and legislatures, appeal synonyms, released persons, fuel, unfrozen assets, accepted ceasefires.
@pytest.mark.parametrize("date, text, expected", [
    ("2022-02-15", "Germany urged Russia to de-escalate tensions on the Ukrainian border.", {("DEU", "RUS", "0256")}),
    ("2020-06-17", "India and China agreed to de-escalate the situation along their disputed border.",
     {("CHN", "IND", "0356"), ("IND", "CHN", "0356")}),
    ("2024-01-15", "Egypt and Iran re-established diplomatic relations.", {("EGY", "IRN", "054"), ("IRN", "EGY", "054")}),
    ("2022-03-05", "Zelensky begged NATO to impose a no-fly zone over Ukraine.", {("UKRGOV", "IGOWSTNAT", "0234")}),
    ("2021-05-20", "Israel and Hamas agreed to a ceasefire after 11 days of fighting.",
     {("ISR", "PSEGOVHMS", "0871"), ("PSEGOVHMS", "ISR", "0871")}),
    ("2022-11-02", "Ethiopia agreed to a truce with Tigray rebels.", {("ETH", "ETHREB", "0871")}),
    ("2021-04-13", "Putin and Biden talked by phone about Ukraine.", {("RUSGOV", "USAGOV", "041"), ("USAGOV", "RUSGOV", "041")}),
    ("2019-02-23", "Kim Jong Un travelled by train to Vietnam for his summit with Trump.", {("PRKGOV", "VNM", "042")}),
    ("2024-01-28", "Iran-backed militias attacked U.S. troops in Syria.", {("SYRUAF", "USAMIL", "190")}),
    ("2023-08-01", "China's Commerce Ministry criticised U.S. export controls.", {("CHNGOV", "USA", "111")}),
    ("2023-03-01", "The UN secretary-general urged Syria to allow humanitarian access to rebel-held areas.",
     {("IGOUNOGOV", "SYR", "0255")}),
    ("2023-09-01", "South Korea's Unification Ministry urged North Korea to return to dialogue.", {("KORGOV", "PRK", "026")}),
    ("2023-09-01", "The Duma urged Washington to lift sanctions on Russian banks.", {("RUSLEG", "USA", "0254")}),
    ("2023-05-19", "Zelensky pleaded with Western leaders for more fighter jets.", {("UKRGOV", "WST", "0232")}),
    ("2023-11-10", "Washington pressed Israel to allow more aid into Gaza.", {("USA", "ISR", "0255")}),
    ("2023-11-10", "Qatar implored Israel to exercise restraint.", {("QAT", "ISR", "0256")}),
    ("2020-01-05", "Iraq called upon the United States to withdraw its troops.", {("IRQ", "USA", "0256")}),
    ("2019-03-01", "Pakistan returned the captured Indian pilot to India.", {("PAK", "IND", "0841")}),
    ("2022-09-21", "Russia handed over 215 Ukrainian soldiers to Ukraine in a prisoner exchange.", {("RUS", "UKR", "0841")}),
    ("2023-06-01", "Venezuela released opposition activists.", {("VEN", "VENOPP", "0841")}),
    ("2022-11-16", "Israel allowed fuel into Gaza.", {("ISR", "PSE", "0863")}),
    ("2023-06-01", "The United States unfroze $6 billion of Iranian funds.", {("USA", "IRN", "085")}),
    ("2023-06-01", "Sudan's army accepted a Saudi-U.S. proposal for a ceasefire.", {("SDNMIL", "SAU", "0871")}),
    ("2024-09-26", "The World Bank promised a $1.5 billion loan to Egypt.", {("IGOUNODEVWBK", "EGY", "0331")}),
    # breadth 2: cyber operations, crowd-control weapons, drills and force movements aimed at a target,
    # chemical-filled munitions, 'rescue workers' as a noun, not ruling out force, the West, cut intelligence
    # ties, new partnerships, no bare 'announced' statement, 'refused to be drawn', troops to a border, ethnic groups
    ("2023-12-10", "Russian military hackers launched a cyberattack on Ukraine's largest mobile operator.",
     {("RUSCRM", "UKR", "176")}),
    ("2024-12-01", "Georgian riot police fired water cannon at pro-EU demonstrators in Tbilisi.", {("GEOCOP", "GEOCVL", "175")}),
    ("2024-05-23", "Chinese warships staged drills encircling Taiwan.", {("CHNMIL", "TWN", "150")}),
    ("2024-04-02", "The United States dispatched warships to the Mediterranean as a warning to Iran.", {("USA", "IRN", "154")}),
    ("2018-04-07", "Syrian government aircraft dropped barrel bombs filled with chlorine on Douma.", {("SYRGOV", "SYR", "2041")}),
    ("2019-12-01", "Syrian and Russian warplanes pounded Idlib province, rescue workers said.",
     {("RUSMIL", "SYR", "194"), ("SYRMIL", "SYR", "194")}),
    ("2025-01-07", "Trump refused to rule out military action against Venezuela.", {("USAELI", "VEN", "138")}),
    ("2024-11-19", "Lavrov accused the West of prolonging the war.", {("RUSGOV", "WST", "112")}),
    ("2025-05-20", "The United States cut off intelligence sharing with Ukraine.", {("USA", "UKR", "160")}),
    ("2024-10-25", "Russia and North Korea established a strategic partnership.", {("PRK", "RUS", "050"), ("RUS", "PRK", "050")}),
    ("2019-08-26", "Indonesian President Joko Widodo announced that the capital would move from Jakarta to Borneo.", set()),
    ("2025-07-09", "Kremlin spokesman Dmitry Peskov refused to be drawn on whether Putin would meet Zelenskiy.",
     {("RUSGOV", "UKRGOV", "011")}),
    ("2025-01-30", "The Pentagon deployed 1,500 additional active-duty troops to the U.S. border with Mexico.",
     {("USAMIL", "MEX", "154")}),
    ("2018-01-10", "Bangladesh deported 200 Rohingya refugees to Myanmar.", {("BGD", "MMRCVL", "174")}),
    # a compound subject that meets, phones or holds talks acts on each other, not on a topic or date phrase after it
    ("2025-02-24", "Macron and Trump met at the White House on the anniversary of Russia's invasion of Ukraine.",
     {("FRAGOV", "USAGOV", "040"), ("USAGOV", "FRAGOV", "040")}),
    ("2025-05-10", "The foreign ministers of Saudi Arabia and Iran conferred by phone about the conflict between India and Pakistan.",
     {("SAUGOV", "IRNGOV", "041"), ("IRNGOV", "SAUGOV", "041")}),
    ("2025-04-12", "Iranian and American negotiators held indirect talks in Oman on Tehran's nuclear programme.",
     {("IRNGOV", "USAGOV", "046"), ("USAGOV", "IRNGOV", "046")}),
    ("2024-06-27", "Bolivian troops stormed the presidential palace in La Paz.", {("BOLMIL", "BOLGOV", "170")}),
    ("2019-06-01", "China has detained more than a million Uighurs in camps in Xinjiang.", {("CHN", "CHNCVL", "173")}),
])
def test_breadth_of_wire_phrasings(default_coder, date, text, expected):
    assert {e.triple() for e in default_coder.code_text(text, date=date)} == expected


PROBES = Path(__file__).resolve().parent / "probes" / "breadth.jsonl"
PROBE_ROOT_F1_FLOOR = 0.86  # measured 0.876 (0.821 on main before the breadth work); raise, never lower


def test_breadth_probe_set(default_coder):
    ev = evaluate(default_coder, load_gold(PROBES))
    print("\n" + ev.table())
    assert ev.overall.f1 >= PROBE_ROOT_F1_FLOOR


WIRE_PROBES = Path(__file__).resolve().parent / "probes" / "wire.jsonl"
WIRE_ROOT_F1_FLOOR = 0.75  # measured 0.763 (0.661 before the acc work, 0.719 on main then); raise, never lower


def test_wire_probe_set(default_coder):
    """Harder wire phrasings for the weak roots (01, 04, 15, 17, 20): kept apart so breadth's floor stays meaningful."""
    ev = evaluate(default_coder, load_gold(WIRE_PROBES))
    print("\n" + ev.table())
    assert ev.overall.f1 >= WIRE_ROOT_F1_FLOOR


@pytest.mark.parametrize("text, expected", [
    # a verbal act in a participle clause is an event of its own, with the main event's actors ("it" = its target)
    ("Egypt recalled its ambassador from Turkey, accusing Ankara of interfering in its affairs.",
     {("EGY", "TUR", "161"), ("EGY", "TUR", "1125")}),
    ("Bahrain cut diplomatic ties with Qatar, accusing it of supporting terrorism.",
     {("BHR", "QAT", "161"), ("BHR", "QAT", "1121")}),
    # coordination across an object; the second verb keeps the first one's target
    ("Lithuania expelled two Russian diplomats and banned imports from Belarus.",
     {("LTU", "RUSGOV", "161"), ("LTU", "BLR", "163")}),
    # taking a named place is occupying territory; the weapon as subject decides the code
    ("The Taliban captured Kandahar after government forces withdrew.", {("AFGGOV", "AFG", "192")}),
    ("Russian drones struck a power plant in Kharkiv.", {("RUSMIL", "UKR", "195")}),
    ("Truck bombs planted by al Qaeda destroyed the U.S. embassy in Nairobi.", {("IMGALQ", "USAGOV", "1832")}),
    # killing or shooting a named person is an assassination or an attempt, also in the passive
    ("Israeli forces killed Hamas commander Mohammed Deif in Khan Younis.", {("ISRMIL", "PSEREBHMS", "186")}),
    ("Hezbollah commander Fuad Shukr was killed in an Israeli strike in Beirut.", {("ISR", "LBNREBHEZ", "186")}),
    ("Gunmen shot and wounded Slovak Prime Minister Robert Fico in Handlova.", {("SVKUAF", "SVKGOV", "185")}),
    # both sides of a clash or of fighting "between A and B"
    ("Azerbaijani and Armenian troops exchanged fire on the border.",
     {("ARMMIL", "AZEMIL", "190"), ("AZEMIL", "ARMMIL", "190")}),
    ("Fighting broke out between the Sudanese army and the Rapid Support Forces in Khartoum.",
     {("SDNMIL", "SDNREBRSF", "190"), ("SDNREBRSF", "SDNMIL", "190")}),
    # repression and riots
    ("Police in Minsk opened fire on protesters, killing two.", {("BLRCOP", "BLRCVL", "175")}),
    ("Protesters set fire to the parliament building in Kathmandu.", {("NPLCVL", "NPLLEG", "145")}),
    # an article before the verb reads it as a noun only when no actor stands between them
    ("The United States fired anti-aircraft missiles at Russian jets.", {("USA", "RUSMIL", "194")}),
    # an indefinite article, an actor, then a bare verb form: a noun ("a Hamas bomb", "an IS target")
    ("Turkish jets carried out a raid against an Islamic State target south of Kobani.", {("TURMIL", "IMGISI", "190")}),
    # a mixed-case name needs its capitals: "a strict Islamic state" is no armed group
    ("Boko Haram fighters attacked villages in Borno to build an Islamic state.", {("NGAINSBKH", "NGA", "190")}),
    # a country abbreviation before "and" is attributive: "US and British activists" are both CVL
    ("US and British activists staged a protest in Beijing.", {("USACVL", "CHNGOV", "141"), ("GBRCVL", "CHNGOV", "141")}),
    # an embassy names no place: the protesters are where the sentence puts them ("in Amman")
    ("Hundreds of people rallied outside the Israeli embassy in Amman on Sunday.", {("JORCVL", "ISRGOV", "141")}),
    # a role distributes over "A and B <agent>", but not the group that owns the last member
    ("Qatari mediators hosted Israeli and Hamas delegations in Doha.",
     {("QAT", "ISRGOV", "043"), ("QAT", "PSEGOVHMS", "043")}),
    # a suicide bomber is no aircraft; a mosque in a city places its unnamed agents there
    ("A suicide bomber killed 12 worshippers at a mosque in Quetta.", {("PAKREB", "PAKREL", "1831")}),
    # a gerund right after the people it describes is a reduced relative clause: they are its subject, and
    # its object is not the main verb's subject
    ("Chadian soldiers battling Boko Haram near Lake Chad killed a senior ISWAP commander.",
     {("TCDMIL", "NGAINSBKH", "190"), ("TCDMIL", "NGAINSISW", "190")}),
    ("Riot police fired tear gas at opposition supporters protesting against fuel prices in Lagos.",
     {("NGACOP", "NGAOPP", "175"), ("NGAOPP", "NGAGOV", "1412")}),
    # "hit back at" is a retort unless it names its weapons
    ("Beijing hit back at Canberra over its call for an inquiry.", {("CHN", "AUS", "111")}),
    ("Israel hit back at Hezbollah with air strikes on southern Lebanon.", {("ISR", "LBNREBHEZ", "195")}),
    # a passive pattern's object noun stands in the subject: "impose &SANCTION on +" read backwards
    ("Fresh sanctions were imposed on Belarus by Canada on Friday.", {("CAN", "BLR", "163")}),
    # "killed by a bomb planted by X": whoever placed the weapon
    ("Four policemen were killed by a roadside bomb planted by al-Shabaab militants in Mogadishu.",
     {("SOMINSSHB", "SOMCOP", "190")}),
    # crowds throwing stones or fireworks riot
    ("Protesters in Belgrade threw fireworks and bottles at riot police.", {("SRBCVL", "SRBCOP", "145")}),
    # returning migrants is deportation; coming home is no visit
    ("Greece returned 40 migrants to Turkey on Tuesday.", {("GRC", "TUR", "174")}),
    ("Putin returned to Moscow on Monday after a visit to Beijing.", {("RUSGOV", "CHN", "042")}),
    # a show of force answers whoever an "after"/"in response to" phrase names; warplanes sent into another's
    # air defence zone are a show of force, not an invasion
    ("South Korea scrambled fighter jets after Chinese bombers entered its air defence zone.", {("KOR", "CHN", "152")}),
    ("Israel called up 300,000 reservists after the Hamas attack.", {("ISR", "PSEGOVHMS", "154")}),
    ("China sent 30 warplanes into Taiwan's air defence zone on Tuesday.", {("CHN", "TWN", "150")}),
    # "the border with X" lends its "with" to no pattern of the verb
    ("North Korea conducted artillery drills near the border with South Korea.", {("PRK", "KOR", "150")}),
    # a released product is no concession; the bodies of the dead handed back are 084
    ("Samsung released a new smartwatch in India on Tuesday.", set()),
    ("Hamas handed over the bodies of four hostages to Israel.", {("PSEGOVHMS", "ISR", "084")}),
    # destroying a named actor is an attack; an -s form after an actor in a prepositional phrase is a noun
    ("Ukrainian sea drones destroyed a Russian landing ship off Crimea.", {("UKRMIL", "RUS", "190")}),
    ("Tehran condemned the wave of U.S. strikes on Houthi targets.", {("IRN", "USA", "111")}),
    # an agent phrase "by A and B" ends where a new clause's verb begins
    ("A Malaysian airliner was shot down by Russia and Kuala Lumpur demanded that Moscow pay compensation.",
     {("RUS", "MYSCVL", "190"), ("MYS", "RUS", "1031")}),
    # the second of two coordinated gerunds after "accused X of" is the accusation too
    ("Manila accused Chinese vessels of ramming and firing water cannon at its ships.", {("PHL", "CHN", "112")}),
    # an -s form in a prepositional phrase is a noun ("with glide bombs")
    ("Russian jets pounded Kharkiv with glide bombs as Ukrainian troops retreated.", {("RUSMIL", "UKR", "194")}),
    # strikes and attacks exchanged by a list are mutual
    ("Israel and Iran exchanged missile strikes for a fifth straight day.", {("ISR", "IRN", "195"), ("IRN", "ISR", "195")}),
    # a company's name inside a longer proper name is not the company
    ("Police in Hong Kong raided the offices of the Apple Daily newspaper.", {("HKGCOP", "HKGMED", "091")}),
    # "hundreds/thousands of" non-combatants killed or executed is a mass killing
    ("The junta executed hundreds of political prisoners in Yangon.", {("MMRMILGOV", "MMROPP", "202")}),
    # closing the border with a neighbour reduces relations with it
    ("Tajikistan closed its border with Kyrgyzstan after the clashes.", {("TJK", "KGZ", "160")}),
    # a people named by a plural demonym protest as civilians; a state protesting complains officially
    ("Thousands of Moldovans took to the streets of Chisinau to protest against the government.",
     {("MDACVL", "MDAGOV", "141")}),
    ("China protested the sale of U.S. weapons to Taiwan.", {("CHN", "USA", "114")}),
    # "its"/"his" + noun as subject: the owner, as "it"/"he" would be
    ("Russia said its warships fired on a Ukrainian patrol boat.", {("RUSMIL", "UKR", "190")}),
    ("The Turkish defence ministry said its jets struck PKK targets in northern Iraq.",
     {("TURMIL", "TURREBPKK", "195")}),
    # killing verbs name their victims in their pattern words ("killed 12 civilians"); a name the dictionaries
    # lack does not hide the preposition of a place ("strikes on the Okhmatdyt hospital in Kyiv killed ...")
    ("Sudanese soldiers killed 12 civilians, the United Nations said.", {("SDNMIL", "SDNCVL", "190")}),
    ("Russian missile strikes on the Okhmatdyt hospital in Kyiv killed two doctors.", {("RUS", "UKRHLH", "190")}),
    # people named by their nationality are no clue to an unnamed captor's country; prisoners are people
    ("Militants kidnapped three Germans on Tuesday.", {("---REB", "DEU", "181")}),
    ("The junta freed more than 3,000 prisoners in Myanmar.", {("MMRMILGOV", "MMRCVL", "0841")}),
    # the means of an attack is not its victim
    ("Houthi rebels in Yemen attacked a Greek-owned oil tanker overnight with drones.", set()),
    # the people a pattern names are the victims, not the place after them; "parts/outskirts of X" is in X
    ("Soldiers fired on demonstrators in parts of Khartoum.", {("SDNMIL", "SDNCVL", "175")}),
    ("Riot police clashed with protesters on the outskirts of Nairobi on Sunday.", {("KENCOP", "KENCVL", "145")}),
    ("Militants shelled a government-held part of Syria's second city Aleppo overnight.",
     {("SYRREB", "SYRGOV", "194")}),
    ("Thousands of protesters in Belgrade demanded the resignation of President Vucic.", {("SRBCVL", "SRBGOV", "1411")}),
    # denied, dated background, no country on either side, reduced passive: nothing
    ("North Korea denied that it had attacked the South Korean warship.", {("PRK", "KORMIL", "016")}),
    ("Soviet troops killed thousands of civilians in Budapest in 1956.", set()),
    ("Militants killed 12 people in an attack on a market.", set()),
    ("Chinese companies accused of helping Russia's military were sanctioned.", set()),
    # threats: what a state says it could do to another; name-calling; the content of an accusation is no event
    ("Iran said it could close the Strait of Hormuz to U.S. ships.", {("IRN", "USA", "1381")}),
    ("Erdogan called Netanyahu a war criminal.", {("TURGOV", "ISRGOV", "1124")}),
    ("The Kremlin accused Ukraine of trying to kill Putin.", {("RUSGOV", "UKR", "112")}),
    # "prompting X to respond": X did respond, against the causer
    ("Russian bombers flew near Alaska, prompting the United States to scramble fighter jets.",
     {("RUS", "USA", "150"), ("USA", "RUS", "152")}),
])
def test_roots_10_to_20_rules(default_coder, text, expected):
    got = {e.triple() for e in default_coder.code_text(text, date="2024-07-15")}
    assert got == expected


# Accuracy on classes of wire phrasing found by fresh probes (tests/probes/breadth.jsonl, "acc" rows).
@pytest.mark.parametrize("text, expected", [
    # "the West" / "Western powers" is CAMEO's WST; "the West Bank" and "the West African" stay what they are
    ("Western powers imposed sweeping sanctions on Russia's central bank.", {("WST", "RUSGOV", "163")}),
    ("Iran accused the West of meddling in its internal affairs.", {("IRN", "WST", "1125")}),
    ("Israeli troops raided the West Bank city of Jenin.", {("ISRMIL", "PSE", "190")}),
    # troops arriving somewhere are deployed (154), weapons arriving are delivered military aid (072)
    ("American troops have arrived in Poland to reinforce the alliance's eastern flank.", {("USAMIL", "POL", "154")}),
    ("British tanks have arrived in Ukraine.", {("GBRMIL", "UKR", "072")}),
    ("Russian warships arrived in Havana on Wednesday.", {("RUSMIL", "CUB", "150")}),
    # a present form after "preposition + -ed adjective" is a noun: no protest by the police, no attack by Gaza
    ("Turkish police detained opposition activists ahead of planned protests.", {("TURCOP", "TUROPP", "175")}),
    ("Israel struck Gaza amid renewed attacks by Hamas.", {("ISR", "PSE", "190")}),
    # "a spokesman for the Kremlin", "the foreign minister of the Netherlands": the article does not break the title
    ("A spokesman for the Kremlin criticised Ukraine.", {("RUSGOV", "UKR", "111")}),
    ("The foreign minister of the United Arab Emirates met Netanyahu.", {("AREGOV", "ISRGOV", "040")}),
    # a military or police title is a person: "he" in its complement clause is the title's holder
    ("Pakistan's army chief said he was optimistic about relations with India.", {("PAKMIL", "IND", "013")}),
    # a show of force with no foreign object is aimed at the foreign actor of its reason clause
    ("South Korea put its troops on high alert after North Korea fired artillery near the sea border.",
     {("KOR", "PRK", "152")}),
    ("India moved more troops to Ladakh following clashes with Chinese forces.", {("IND", "CHNMIL", "154")}),
    # police or troops sent onto the state's own streets face its people; sent abroad, the host ("to +")
    ("Kenya deployed police across Nairobi ahead of the protests.", {("KEN", "KENCVL", "153")}),
    ("French authorities deployed 45,000 police officers across the country.", {("FRAGOV", "FRACVL", "153")}),
    ("Kenya deployed 1,000 police officers to Haiti.", {("KEN", "HTI", "153")}),
    # forces "were put on alert" with no agent: their state acts through them, against the provoker or at home
    ("South Korean troops were placed on high alert after North Korea fired missiles.", {("KORMIL", "PRK", "152")}),
    ("Iraqi security forces were put on alert across Baghdad.", {("IRQCOP", "IRQCVL", "151")}),
    # killing a counted 100 or more non-combatants is a mass killing; soldiers killed stay combat;
    # "fighters" are armed men, not fighter jets
    ("Islamic State fighters killed at least 150 villagers in northeastern Nigeria.", {("IMGISIREB", "NGACVL", "202")}),
    ("Russian troops killed 300 Ukrainian soldiers.", {("RUSMIL", "UKRMIL", "190")}),
    ("Militants killed 12 people in an attack on a market in northern Mali.", {("MLIREB", "MLICVL", "190")}),
    # violent repression (175) is a state's; militants or rebels hurting protesters or students use the verb's default
    ("Militants killed dozens of students at a school in western Uganda.", {("UGAREB", "UGAEDU", "190")}),
    ("Iranian security forces killed dozens of protesters in Zahedan.", {("IRNCOP", "IRNCVL", "175")}),
    # talks "through/via" mediators are between the two sides, not with the mediators
    ("Iran and the United States held indirect talks via Omani mediators.", {("IRN", "USA", "046"), ("USA", "IRN", "046")}),
    # nominal events: announcing or ordering "the release of" prisoners is releasing them
    ("Iran announced the release of five American prisoners on Monday.", {("IRN", "USACVL", "0841")}),
])
def test_accuracy_probe_classes(default_coder, text, expected):
    got = {e.triple() for e in default_coder.code_text(text, date="2024-07-15")}
    assert got == expected

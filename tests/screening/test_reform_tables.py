"""The reform tables (机构改革旧称表) and the press-style list (新闻报道禁用词) of the default packs."""

import pytest

from sanshen.screening.packs import PACK_DIR, load_pack_file

from .helpers import findings

AGENCY_ROWS = load_pack_file(PACK_DIR / "agencies.tsv").rows
PRESS_ROWS = load_pack_file(PACK_DIR / "press.tsv").rows
# State Council / Party reforms (1998 … 2023) and the dated single changes named in the header
REFORM_YEARS = {1998, 2003, 2008, 2009, 2013, 2018, 2019, 2021, 2023}
RULES = ("expression.agency", "expression.press")


def table_findings(text: str):
    """Findings of the two tables only (机构旧称、新闻用语)."""
    return [f for f in findings(text, "expression") if f.rule in RULES]


def found(text: str) -> list[tuple[str, str]]:
    return [(f.text, f.suggestion) for f in table_findings(text)]


@pytest.mark.parametrize("term, successor, year", [
    ("国家海洋局", "自然资源部", 2018),
    ("国务院侨务办公室", "中央统战部", 2018),
    ("国家乡村振兴局", "农业农村部", 2023),
    ("国家卫生和计划生育委员会", "国家卫生健康委员会", 2018),
    ("国家新闻出版广电总局", "国家广播电视总局", 2018),
    ("国土资源部", "自然资源部", 2018),
    ("环境保护部", "生态环境部", 2018),
    ("农业部", "农业农村部", 2018),
    ("文化部", "文化和旅游部", 2018),
    ("国家旅游局", "文化和旅游部", 2018),
    ("监察部", "国家监察委员会", 2018),
    ("国家预防腐败局", "国家监察委员会", 2018),
    ("国务院法制办公室", "司法部", 2018),
    ("国家工商行政管理总局", "国家市场监督管理总局", 2018),
    ("国家质量监督检验检疫总局", "国家市场监督管理总局", 2018),
    ("国家食品药品监督管理总局", "国家市场监督管理总局", 2018),
    ("国家安全生产监督管理总局", "应急管理部", 2018),
    ("国务院港澳事务办公室", "中央港澳工作办公室", 2023),
    ("中央网络安全和信息化领导小组", "中央网络安全和信息化委员会", 2018),
    ("中央全面深化改革领导小组", "中央全面深化改革委员会", 2018),
    ("国家工商行政管理总局商标局", "国家知识产权局商标局", 2018),
    ("国家外国专家局", "人力资源和社会保障部", 2023),
    ("国务院金融稳定发展委员会", "中央金融委员会", 2023),
    ("中国银行保险监督管理委员会", "国家金融监督管理总局", 2023),
])
def test_named_reform_examples_are_found_with_successor(term, successor, year):
    got = table_findings(f"{term}召开座谈会。")
    assert [f.text for f in got] == [term]
    assert got[0].suggestion.startswith(successor)
    assert got[0].rule == "expression.agency"
    assert table_findings(f"{year - 1}年，{term}召开座谈会。") == []
    assert table_findings(f"会议邀请原{term}有关同志参加。") == []


def test_every_agency_row_has_a_successor_and_a_reform_year():
    for row in AGENCY_ROWS:
        assert row["suggestion"], row
        assert int(row["year"]) in REFORM_YEARS, row
        assert row["severity"] in ("", "warn", "info"), row


def test_no_duplicate_rows():
    for rows in (AGENCY_ROWS, PRESS_ROWS):
        terms = [r["term"] for r in rows]
        assert len(terms) == len(set(terms))


@pytest.mark.parametrize("row", AGENCY_ROWS, ids=lambda r: r["term"])
def test_every_agency_row_found_in_present_and_silent_in_history(row):
    term, year = row["term"], int(row["year"])
    assert (term, row["suggestion"]) in found(f"{term}召开座谈会。")
    assert found(f"会议邀请原{term}有关同志参加。") == []
    assert found(f"{year - 1}年，{term}召开座谈会。") == []


@pytest.mark.parametrize("name", [
    "自然资源部", "农业农村部", "生态环境部", "文化和旅游部", "国家卫生健康委员会", "应急管理部", "司法部",
    "国家监察委员会", "国家市场监督管理总局", "国家金融监督管理总局", "国家广播电视总局", "国家新闻出版署",
    "中央港澳工作办公室", "中央金融委员会", "中央金融工作委员会", "中央科技委员会", "中央网络安全和信息化委员会",
    "中央全面深化改革委员会", "中央和国家机关工作委员会", "国家知识产权局", "国家知识产权局商标局", "中央统战部",
    "人力资源和社会保障部", "全国政协文化文史和学习委员会", "全国政协教科卫体委员会", "中央广播电视总台",
    "国家林业和草原局", "国家粮食和物资储备局", "中共中央港澳工作办公室、国务院港澳事务办公室",
    "农业农村部（国家乡村振兴局）", "自然资源部（国家海洋局）",
])
def test_current_names_are_silent(name):
    assert found(f"{name}召开座谈会。") == []


@pytest.mark.parametrize("text", [
    "各级卫生部门要做好健康知识普及工作。",
    "要统筹做好基础设施建设部署。",
    "2017年，国家海洋局发布海洋灾害公报。",
    "原国家海洋局、国家测绘地理信息局的职责整合划入自然资源部。",
    "中央统战部副部长、国务院侨办主任出席活动。",
])
def test_historical_and_containing_words_are_silent(text):
    assert found(text) == []


@pytest.mark.parametrize("text, term, suggestion", [
    ("北韩再次试射导弹。", "北韩", "朝鲜"),
    ("南韩客商来我市考察。", "南韩", "韩国"),
    ("北朝鲜代表团抵达。", "北朝鲜", "朝鲜"),
    ("庆祝香港回归中国二十周年。", "香港回归中国", "香港回归祖国"),
    ("澳门回归中国以来经济持续发展。", "澳门回归中国", "澳门回归祖国"),
    ("中国和台湾的经贸往来日益密切。", "中国和台湾", "大陆和台湾"),
    ("台湾政府宣布新措施。", "台湾政府", "台湾当局"),
    ("世界贸易组织成员国代表出席会议。", "世界贸易组织成员国", "世界贸易组织成员"),
    ("穆斯林国家代表出席会议。", "穆斯林国家", "伊斯兰国家"),
    ("香港同胞来华投资兴业。", "香港同胞来华", "香港同胞来内地"),
    ("湖北省省委书记出席会议。", "省省委书记", "省委书记"),
    ("省人大副主任出席会议。", "人大副主任", "人大常委会副主任"),
    ("全国人大副委员长出席会议。", "全国人大副委员长", "全国人大常委会副委员长"),
])
def test_press_terms_found_with_suggestion(text, term, suggestion):
    assert (term, suggestion) in found(text)


@pytest.mark.parametrize("text", [
    "我国东北朝鲜族群众欢度节日。",
    "河南韩某某等人参加培训。",
    "湖南韩国商会举办推介会。",
    "越南韩国两国代表出席。",
    "香港回归祖国以来保持繁荣稳定。",
    "中国大陆和台湾同属一个中国。",
    "县人大常委会副主任出席会议。",
    "省人大常委会委员视察工作。",
    "打印支出应据实列支。",
    "朝鲜和韩国代表团出席。",
    "台湾“立法院”通过所谓“法案”。",
    "个别西方媒体抹黑非洲国家。",
    "世界贸易组织成员和亚太经合组织成员。",
])
def test_press_correct_forms_are_silent(text):
    assert found(text) == []


@pytest.mark.parametrize("row", PRESS_ROWS, ids=lambda r: r["term"])
def test_every_press_row_is_found_with_its_suggestion(row):
    """A row may be shadowed by a pattern rule of the same family on the same span (中澳两地)."""
    assert row["suggestion"]
    got = [f for f in findings(f"据报道，{row['term']}。", "expression") if f.rule.startswith("expression.press")]
    assert [f.text for f in got] == [row["term"]]
    assert got[0].rule != "expression.press" or got[0].suggestion == row["suggestion"]

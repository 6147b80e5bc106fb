"""Pseudonymous respondent keys, and free-text scrubbing of names and numbers in survey answers.

No name, student number, phone or ID number is ever stored: ids are replaced by an HMAC, and
whatever a respondent types into a free-text answer ("联系电话13812345678 王小明") is scrubbed
before it reaches a record, whichever reader (CSV, XLSX, JSON, 问卷星) it came through.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata

#: Keys of rows from a file without respondent ids (anonymous tally sheets) start with this:
#: importing such a file for a school and semester replaces that school's earlier id-less rows.
ID_LESS_PREFIX = "anon-"

#: The most common single-character surnames (about 90% of people) and the compound ones;
#: used only to recognise a bare name next to a phone number or after 家长 / 联系人.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
    "郝龚邵钱严覃武戴莫孔汤温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦"
    "俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房"
    "滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂佟"
    "臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝"
)
_COMPOUND = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|夏侯|轩辕|令狐|端木"
_CJK = r"[\u4e00-\u9fff]"
_SURNAME = f"(?:{_COMPOUND}|[{_SURNAMES}])"
#: A bare name: surname + one or two given characters, not followed by more Chinese text.
_BARE_NAME = f"{_SURNAME}{_CJK}{{1,2}}(?!{_CJK})"
#: Words after which whatever Chinese text follows is a name (姓名：王小明, 孩子叫王小明).
_NAME_WORDS = r"姓名|名字|孩子叫|孩子名叫|我叫|名叫|称呼"
#: Words after which a name follows only when it starts with a surname (家长王小明, 联系人李四).
_WEAK_NAME_WORDS = r"联系人|家长|监护人|学生|孩子|我是"
#: Two-character words that start with a surname character but are not names (家长高兴…).
_NOT_NAME_PAIRS = (
    "高兴高中高年马上周末周一周二周三周四周五周六周日周围方便方面时间时候关心关注全部"
    "全面应该常常安排安全成绩成长文化于是向往路上白天万一单独任何许多包括程度江边黄色"
    "白色毛笔田径金钱石头林间陆续叶子龙舟钱财何时曾经康复武术乔迁华为宋词唐诗戴着齐心"
    "易于和孩明白明年明天平时都是也想比较严格严重温习钟表游泳古筝吉他管乐车模曲艺"
    "龙狮舒展雷锋黄梅"
)
_NOT_NAMES = frozenset(_NOT_NAME_PAIRS[i : i + 2] for i in range(0, len(_NOT_NAME_PAIRS), 2))
_SEP = r"[\s:：是为]*"
_NUMBERS = (
    r"\d{17}[\dXx]"  # 身份证 (18 digits, last may be X)
    r"|(?<!\d)1[3-9]\d{9}(?!\d)"  # mobile
    r"|(?<!\d)0\d{2,3}-?\d{7,8}(?!\d)"  # landline with area code
    r"|\d{1,3}(?:\.\d{1,3}){3}"  # IPv4
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"  # e-mail
    r"|(?:学号|学籍号|考号|身份证号?|证件号|qq|QQ|微信号?)[\s:：是为]*[A-Za-z0-9_-]{4,}"
    r"|(?<![\d.])\d{8,}(?![\d.])"  # any other long number (学号, 身份证 without X, account)
)
_NUMBER_RE = re.compile(_NUMBERS)
_NAMED_RE = re.compile(f"(?:{_NAME_WORDS}){_SEP}{_CJK}{{2,4}}")
_WEAK_NAMED_RE = re.compile(f"(?:{_WEAK_NAME_WORDS})[\\s:：]*({_SURNAME}{_CJK}{{1,2}})")
#: A bare name right before or after a contact number: "13812345678 王小明", "王小明 138…".
_PLACEHOLDER = "\x00"
_NAME_BY_NUMBER_RE = re.compile(
    f"(?:{_PLACEHOLDER}[\\s,，、:：;；]*{_BARE_NAME})|(?:(?<!{_CJK}){_BARE_NAME}[\\s,，、:：]*(?={_PLACEHOLDER}))"
)
_CONTACT_WORDS = re.compile(
    r"(联系)?(电话|手机号?码?|联系方式|邮箱|ip|IP|姓名|名字|联系人|称呼|孩子叫|我叫)[\s:：是为]*(?=\x00)"
)
_LEFTOVER = re.compile(r"[\s,，、;；:：]{2,}")


def _name_by_number(match: re.Match[str]) -> str:
    """A name next to a removed number goes too, unless it is a word (游泳 13812345678)."""
    name = match.group(0).strip(_PLACEHOLDER + " ,，、:：;；")
    return match.group(0) if name[:2] in _NOT_NAMES else _PLACEHOLDER


def _weak_name(match: re.Match[str]) -> str:
    """家长王小明 → placeholder; 家长高兴 (a word, not a name) stays as it was."""
    name = match.group(1)
    if name[:2] in _NOT_NAMES:
        return match.group(0)
    return match.group(0)[: match.start(1) - match.start(0)] + _PLACEHOLDER


def _first_mark(match: re.Match[str]) -> str:
    """A run of separators left where something was removed, reduced to its first mark."""
    return next((c for c in match.group(0) if not c.isspace()), " ")


def respondent_key(raw_id: str, secret: str, *, scope: str = "") -> str:
    """HMAC-SHA256 (hex) of the export's respondent id, keyed by the settings' secret.

    `scope` (for example the school id and semester) keeps equal raw ids from different exports
    apart, since 问卷星 numbers every export's answers from 1.
    """
    message = f"{scope}\x1f{raw_id.strip()}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def student_key(code: str, secret: str, *, school_id: str) -> str:
    """HMAC-SHA256 (hex) of a school's own student code, for 选课 choices.

    Scoped by school only (never by semester), so the same pupil has the same key next
    semester (priority by last semester's placement) while equal codes in two schools never
    meet. The code is NFKC-normalised (全角 digits = 半角) and stripped; it is never stored.
    """
    normal = unicodedata.normalize("NFKC", code).strip()
    if not normal or not school_id:
        raise ValueError(
            "学生编号和学校编号不能为空 / student code and school id must not be empty"
        )
    message = f"student\x1f{school_id}\x1f{normal}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def scrub_free_text(text: str) -> str:
    """Free text without phone / ID / 学号 numbers, IP and e-mail addresses, or names.

    A name is removed when it follows 姓名 / 名字 / 孩子叫 / 我叫 (any Chinese text), when it
    follows 家长 / 联系人 / 学生 and starts with a surname, or when it stands next to a removed
    number ("联系电话13812345678 王小明" keeps neither). The words that announced the number
    (联系电话, 手机) go too, so nothing hints that something was there.
    """
    if not text:
        return text
    marked = _NUMBER_RE.sub(_PLACEHOLDER, text)
    marked = _CONTACT_WORDS.sub("", marked)
    marked = _NAME_BY_NUMBER_RE.sub(_name_by_number, marked)
    marked = _NAMED_RE.sub(_PLACEHOLDER, marked)
    marked = _WEAK_NAMED_RE.sub(_weak_name, marked)
    marked = _CONTACT_WORDS.sub("", marked)
    cleaned = marked.replace(_PLACEHOLDER, " ")
    cleaned = _LEFTOVER.sub(
        lambda m: next((c for c in m.group(0) if not c.isspace()), " "), cleaned
    )
    cleaned = re.sub(r"\s{2,}", " ", cleaned)
    return cleaned.strip(" ，,、;；:：")

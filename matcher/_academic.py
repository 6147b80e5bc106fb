"""The 学科类 classifier: the catalogue's keyword rules plus cosine to prototype sentences.

Rules are precise but only know the phrasings someone wrote down; prototypes catch paraphrases
("把课堂上没听懂的再讲一遍") by meaning. The two are combined by a logistic function over
three features, [rule score, max cosine to academic prototypes, max cosine to non-academic
prototypes]. Its weights are either the documented default below or learned with `fit` on a
labelled dev split (evaluation/_academic_eval.py does that and reports held-out figures).

Survey wishes are judged by the rule alone (`is_academic_wish`, from catalog.policy): a wish
is a few words, and naming a subject (英语, 写作文, 奥数) is enough to make it academic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt
from pydantic import BaseModel, Field

from catalog.policy import academic_rule_score, is_academic_wish, wish_check

FloatArray = npt.NDArray[np.float32]

__all__ = [
    "ACADEMIC_PROTOTYPES",
    "NON_ACADEMIC_PROTOTYPES",
    "AcademicClassifier",
    "AcademicConfig",
    "AcademicVerdict",
    "DocumentEncoder",
    "academic_wishes",
    "is_academic_wish",
    "wish_check",
]


def academic_wishes(wishes: Sequence[str]) -> list[str]:
    """The wishes (survey answers or theme phrases) that ask for schoolwork, in input order."""
    return [w for w in wishes if is_academic_wish(w)]


class DocumentEncoder(Protocol):
    """All the classifier needs of an embedder: L2-normalised rows, one per text."""

    def encode_documents(self, texts: list[str]) -> FloatArray: ...


#: Generic descriptions of academic teaching, plain and disguised (not copied from the test set).
ACADEMIC_PROTOTYPES: tuple[str, ...] = (
    "按照教材进度讲解语文、数学、英语课内知识并布置练习",
    "学科同步辅导，巩固课堂所学内容，提高考试成绩",
    "奥数培训，讲解竞赛题和经典应用题的解题方法",
    "英语语法与单词记忆训练，定期听写和测验",
    "作文应试技巧，审题立意和高分作文模板",
    "阅读理解答题技巧训练，掌握各类题型的答题步骤",
    "中考小升初考点梳理与真题演练，考前冲刺提分",
    "物理化学生物知识点讲解与习题训练",
    "历史地理道德与法治课本知识复习与背诵",
    "提前学习下学期新课内容，预习和复习课本",
    "把课堂上没听懂的知识再讲一遍，补差补缺",
    "思维训练课实际讲授奥数题型和杯赛题目",
    "每天做一张试卷，老师逐题讲评错题",
    "拼音识字与计算能力专项练习，口算竖式过关",
)

#: Generic descriptions of legitimate after-school activities, including hard negatives.
NON_ACADEMIC_PROTOTYPES: tuple[str, ...] = (
    "足球篮球跳绳等体育运动训练与比赛",
    "合唱、乐器和舞蹈等艺术社团排练演出",
    "绘画、剪纸、陶艺等美术手工创作",
    "动手做科学实验，观察现象，培养科学兴趣",
    "编程与机器人搭建，参加科技创新比赛",
    "天文观测与航天科普讲座",
    "书法练字，临摹字帖，感受汉字之美",
    "围棋、象棋、数独、魔方等益智游戏",
    "放学后在老师看护下完成家庭作业，答疑解惑",
    "英语戏剧和英文歌曲表演，大胆开口",
    "经典诵读与传统文化体验，非遗技艺传承",
    "种植养殖、烹饪整理等劳动实践",
    "研学参观博物馆、科技馆和纪念馆",
    "心理健康游戏、安全教育与文明礼仪",
)


class AcademicConfig(BaseModel):
    """Weights of the logistic combination; the defaults are a documented fixed rule.

    Default: academic when rule_score + 0.75·(sim_academic − sim_other) ≥ 0.5, i.e. the rules
    decide unless the prototypes lean clearly one way.
    """

    weights: tuple[float, float, float] = Field((8.0, 6.0, -6.0))
    bias: float = -4.0
    threshold: float = Field(0.5, gt=0, lt=1)


@dataclass(frozen=True)
class AcademicVerdict:
    """One text's verdict: the probability-like score and the phrases behind it."""

    is_academic: bool
    score: float
    evidence: tuple[str, ...]


def _max_cos(docs: FloatArray, protos: FloatArray) -> npt.NDArray[np.float64]:
    return np.asarray(docs @ protos.T, dtype=np.float64).max(axis=1)


class AcademicClassifier:
    """Rules + prototypes. Same encoder, config and texts give the same verdicts.

    Vectors are remembered per text (and shared with a classifier made by `fit`), so scoring
    the same catalogue twice, or fitting then predicting, encodes each text once.
    """

    def __init__(
        self,
        encoder: DocumentEncoder,
        config: AcademicConfig | None = None,
        *,
        memo: dict[str, FloatArray] | None = None,
    ) -> None:
        self.encoder = encoder
        self.config = config or AcademicConfig()
        self._memo: dict[str, FloatArray] = memo if memo is not None else {}
        self._academic = self._encode(ACADEMIC_PROTOTYPES)
        self._other = self._encode(NON_ACADEMIC_PROTOTYPES)

    def _encode(self, texts: Sequence[str]) -> FloatArray:
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            rows = self.encoder.encode_documents(missing)
            self._memo.update(zip(missing, np.asarray(rows, dtype=np.float32), strict=True))
        return np.stack([self._memo[t] for t in texts])

    def features(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """(n, 3): rule score, max cosine to academic, max cosine to non-academic prototypes."""
        if not texts:
            return np.zeros((0, 3))
        rules = np.array([academic_rule_score(t).score for t in texts])
        docs = self._encode(texts)
        return np.column_stack([rules, _max_cos(docs, self._academic), _max_cos(docs, self._other)])

    def scores(self, texts: Sequence[str]) -> npt.NDArray[np.float64]:
        """Logistic score per text, in (0, 1)."""
        z = self.features(texts) @ np.asarray(self.config.weights) + self.config.bias
        return np.asarray(1.0 / (1.0 + np.exp(-z)))

    def predict(self, texts: Sequence[str]) -> list[AcademicVerdict]:
        """A verdict per text; evidence is the rule phrases, or the nearest prototype."""
        scores = self.scores(texts)
        out = []
        for text, score in zip(texts, scores, strict=True):
            evidence = academic_rule_score(text).evidence
            if not evidence and score >= self.config.threshold:
                evidence = (f"近似：{self._nearest(text)}",)
            out.append(
                AcademicVerdict(bool(score >= self.config.threshold), float(score), evidence)
            )
        return out

    def _nearest(self, text: str) -> str:
        sims = self._encode([text]) @ self._academic.T
        return ACADEMIC_PROTOTYPES[int(np.argmax(sims))]

    def fit(self, texts: Sequence[str], labels: Sequence[int]) -> AcademicClassifier:
        """A new classifier whose weights are a logistic regression on labelled texts."""
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=10.0, max_iter=1000)
        model.fit(self.features(texts), np.asarray(labels))
        w = tuple(float(x) for x in model.coef_[0])
        config = self.config.model_copy(
            update={"weights": (w[0], w[1], w[2]), "bias": float(model.intercept_[0])}
        )
        return AcademicClassifier(self.encoder, config, memo=self._memo)

"""Small input files written into tmp_path by the import and CLI tests (never into the repo)."""

from __future__ import annotations

from pathlib import Path

SCHOOLS = """学校编号,学校名称,区县,学段,城乡,学生数,纬度,经度,课后服务时段
S1,天元区实验小学,天元区,小学,城区,1800,27.83,113.09,周一下午、周三下午
S2,茶陵县思聪中学,茶陵县,初中,农村,420,26.79,113.54,
"""

INSTITUTIONS = """id,name,district,services,admitted
I1,星光艺术培训中心,天元区,舞蹈、书法,已准入
"""

SPECIALISTS = (
    (
        "id,name,kind,skills,district,lat,lon,max_travel_km,available_slots,max_schools,"
        "fee_per_session,verified,institution_id\n"
    )
    + """P1,李师傅,非遗传承人,醴陵釉下五彩瓷、拉坯,醴陵市,27.65,113.5,30,周二下午;周四下午,3,0,是,
P2,王老师,培训机构,舞蹈,天元区,27.8,113.1,10,周三下午,2,3,是,I1
"""
)

COURSES = """课程编号,课程名称,五育,年级,每次收费(元),每次时长,容量,提供者编号
C1,釉下五彩瓷体验,美、劳,3-6,2,45,30,P1
C2,足球,体,1-6,0,60,25,
C3,民族舞,美,1-6,3,45,20,I1
"""

SURVEYS = """school_id,respondent_id,respondent,grade,interests,preferred_domains
S1,STU-20260001,学生,4,想学画画，还有踢足球,美、体
S2,STU-20260002,家长,,希望孩子多运动,体
"""

GOOD = {
    "institutions.csv": INSTITUTIONS,
    "specialists.csv": SPECIALISTS,
    "courses.csv": COURSES,
    "schools.csv": SCHOOLS,
    "surveys.csv": SURVEYS,
}

#: Two bad rows: row 3 has a fee that is not a number, row 4 an unknown domain.
BROKEN_COURSES = """课程编号,课程名称,五育,年级,每次收费,每次时长,容量,提供者编号
C10,书法,美,3-6,2,45,30,
C11,象棋,智,3-6,三元,45,30,
C12,剪纸,艺术,1-6,1,45,30,
"""


def write_files(folder: Path, files: dict[str, str], encoding: str = "utf-8") -> Path:
    """Write each named text into `folder` (created) and return the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding=encoding)
    return folder

"""Demo of the citizens' voice: this year's survey with a few hundred forms, some feedback in
every state, and an outreach plan targeting high-volume procedures. Safe to re-run."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from parindex.citizens.choices import FeedbackState, OutreachKind, ResponseSource
from parindex.citizens.models import (
    Answer,
    FeedbackItem,
    OutreachActivity,
    Question,
    Survey,
    SurveyResponse,
)
from parindex.dossiers.models import Procedure

QUESTIONS = [
    ("Q1", "Thông tin về thủ tục được niêm yết đầy đủ, dễ tìm?", "tiep_can"),
    ("Q2", "Nơi tiếp nhận hồ sơ thuận tiện, có đủ tiện nghi?", "tiep_can"),
    ("Q3", "Thành phần hồ sơ, biểu mẫu đúng như niêm yết?", "thu_tuc"),
    ("Q4", "Phí, lệ phí và thời hạn giải quyết đúng quy định?", "thu_tuc"),
    ("Q5", "Công chức có thái độ lịch sự, hướng dẫn tận tình?", "cong_chuc"),
    ("Q6", "Công chức tuân thủ đúng quy định khi giải quyết?", "cong_chuc"),
    ("Q7", "Kết quả được trả đúng hạn, chính xác?", "ket_qua"),
    ("Q8", "Có nơi tiếp nhận phản ánh, kiến nghị rõ ràng?", "phan_anh"),
    ("Q9", "Phản ánh, kiến nghị được xử lý, trả lời kịp thời?", "phan_anh"),
]
TEXT_QUESTION = ("Y1", "Ông/bà có góp ý gì để chúng tôi phục vụ tốt hơn?")
PROFILE_QUESTION = ("T1", "Ông/bà là", "Cá nhân;Doanh nghiệp;Tổ chức khác")
# How likely a form says "satisfied" per element: the feedback element is the weak one.
SATISFIED_ODDS = {
    "tiep_can": 0.86,
    "thu_tuc": 0.82,
    "cong_chuc": 0.9,
    "ket_qua": 0.88,
    "phan_anh": 0.7,
}
FEEDBACK = [
    (
        "procedure",
        "Thành phần hồ sơ chưa rõ",
        "Hồ sơ đăng ký hoạt động KH&CN yêu cầu giấy tờ không có trong niêm yết.",
    ),
    (
        "conduct",
        "Cán bộ hướng dẫn chưa nhiệt tình",
        "Tôi đến nộp hồ sơ buổi chiều, cán bộ hướng dẫn qua loa.",
    ),
    (
        "suggestion",
        "Đề nghị cho thanh toán trực tuyến",
        "Đề nghị Sở cho phép thanh toán phí thẩm định qua cổng dịch vụ công.",
    ),
    (
        "procedure",
        "Thời hạn giải quyết quá dài",
        "Thủ tục cấp giấy phép tiến hành công việc bức xạ mất nhiều thời gian.",
    ),
    (
        "suggestion",
        "Hướng dẫn nộp hồ sơ trực tuyến",
        "Đề nghị có video hướng dẫn nộp hồ sơ trên cổng dịch vụ công.",
    ),
]


ANSWER = (
    "Sở đã rà soát và điều chỉnh niêm yết thành phần hồ sơ theo đúng quyết định công bố. "
    "Xin cảm ơn ông/bà đã phản ánh."
)


def load(ctx: Any) -> None:
    agency = ctx.agency
    today = timezone.localdate()
    year = today.year
    rng = random.Random(year * 7)  # noqa: S311 - demo data, not security
    survey, created = Survey.objects.get_or_create(
        agency=agency,
        code=f"KS{year}",
        defaults={"year": year, "title": f"Khảo sát mức độ hài lòng năm {year}"},
    )
    if created:
        for position, (code, text, element) in enumerate(QUESTIONS, start=1):
            Question.objects.create(
                survey=survey, code=code, text=text, element=element, position=position
            )
        Question.objects.create(
            survey=survey, code=TEXT_QUESTION[0], text=TEXT_QUESTION[1], kind="text", position=20
        )
        Question.objects.create(
            survey=survey,
            code=PROFILE_QUESTION[0],
            text=PROFILE_QUESTION[1],
            kind="profile",
            options=PROFILE_QUESTION[2],
            position=21,
        )
    procedures = list(
        Procedure.objects.filter(agency=agency, unit__isnull=False).select_related("unit")[:12]
    )
    if not survey.responses.exists():
        _forms(survey, procedures, rng, today)
    _feedback(ctx, procedures, rng, today)
    _outreach(ctx, procedures, today)
    ctx.say(f"citizens: survey {survey.code} with {survey.responses.count()} forms")


def _forms(survey: Survey, procedures: list, rng: random.Random, today: dt.date) -> None:
    questions = [q for q in survey.questions.all() if q.kind == "rating"]
    start = dt.date(today.year, 1, 1)
    span = max(1, (today - start).days)
    responses, answers = [], []
    for n in range(320):
        procedure = rng.choice(procedures) if procedures and rng.random() < 0.9 else None
        response = SurveyResponse(
            survey=survey,
            code=f"P{n + 1:04d}",
            answered_on=start + dt.timedelta(days=rng.randint(0, span)),
            procedure=procedure,
            unit=procedure.unit if procedure else None,
            channel=rng.choice([1, 1, 2, 2, 2, 3, None]),
            source=rng.choice([ResponseSource.PAPER, ResponseSource.WEB, ResponseSource.PHONE]),
            extra={"T1": rng.choice(["Cá nhân", "Doanh nghiệp"])},
        )
        responses.append(response)
        for question in questions:
            if rng.random() < 0.08:
                continue  # không ý kiến
            satisfied = rng.random() < SATISFIED_ODDS[question.element]
            value = rng.choice([4, 5]) if satisfied else rng.choice([1, 2, 3, 3])
            answers.append(Answer(response=response, question=question, value=value))
    SurveyResponse.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers)


def _feedback(ctx: Any, procedures: list, rng: random.Random, today: dt.date) -> None:
    from parindex.citizens.services.feedback import due_date

    agency = ctx.agency
    if FeedbackItem.objects.filter(agency=agency).exists():
        return
    now = timezone.now()
    for n, (kind, subject, content) in enumerate(FEEDBACK):
        received = now - dt.timedelta(days=[40, 25, 16, 6, 1][n])
        procedure = procedures[n % len(procedures)] if procedures and kind != "suggestion" else None
        state = [
            FeedbackState.PUBLISHED,
            FeedbackState.ANSWERED,
            FeedbackState.ASSIGNED,
            FeedbackState.ASSIGNED,
            FeedbackState.RECEIVED,
        ][n]
        due = due_date(agency, received)
        answered = state in (FeedbackState.ANSWERED, FeedbackState.PUBLISHED)
        FeedbackItem.objects.create(
            agency=agency,
            code=f"PA-DEMO{n + 1:03d}",
            kind=kind,
            procedure=procedure,
            subject=subject,
            content=content,
            contact_name=["Nguyễn Văn An", "", "Công ty TNHH Minh Phát", "", "Trần Thị Bình"][n],
            received_at=received,
            due_on=due,
            state=state,
            unit=procedure.unit if procedure else ctx.units.get("HCTH"),
            answer=ANSWER if answered else "",
            answered_on=min(today, due) if answered else None,
            published_on=min(today, due) if state == FeedbackState.PUBLISHED else None,
        )


def _outreach(ctx: Any, procedures: list, today: dt.date) -> None:
    agency = ctx.agency
    if OutreachActivity.objects.filter(agency=agency, planned_on__year=today.year).exists():
        return
    year = today.year
    units = list(ctx.units.values())
    plan = [
        (
            OutreachKind.TRAINING,
            "Tập huấn nộp hồ sơ trực tuyến cho doanh nghiệp",
            "Doanh nghiệp KH&CN",
            3,
            15,
        ),
        (
            OutreachKind.NEWS,
            "Tin bài hướng dẫn dịch vụ công trực tuyến toàn trình",
            "Người dân, doanh nghiệp",
            4,
            2,
        ),
        (
            OutreachKind.LEAFLET,
            "Tờ rơi hướng dẫn thanh toán trực tuyến tại bộ phận một cửa",
            "Người nộp hồ sơ",
            5,
            20,
        ),
        (
            OutreachKind.CONFERENCE,
            "Hội nghị đối thoại doanh nghiệp về cải cách hành chính",
            "Doanh nghiệp",
            9,
            10,
        ),
        (OutreachKind.SOCIAL, "Loạt bài trên trang mạng xã hội của Sở", "Người dân", 11, 5),
        (
            OutreachKind.RADIO_TV,
            "Phóng sự truyền hình về dịch vụ công trực tuyến",
            "Người dân",
            12,
            1,
        ),
    ]
    for n, (kind, topic, audience, month, day) in enumerate(plan):
        planned = dt.date(year, month, day)
        activity = OutreachActivity.objects.create(
            agency=agency,
            unit=units[n % len(units)],
            kind=kind,
            topic=topic,
            audience=audience,
            planned_on=planned,
            done_on=planned if planned <= today else None,
            participants=[60, None, None, 120, None, None][n],
        )
        if procedures and kind in (OutreachKind.TRAINING, OutreachKind.LEAFLET):
            activity.procedures.set(procedures[:3])

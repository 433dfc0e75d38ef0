import uuid

import pytest

from quizzes.models import ModuleQuiz


def option(text, correct=False):
    return {
        "type": "item",
        "id": str(uuid.uuid4()),
        "value": {"text": text, "correct": correct, "feedback": f"Återkoppling för {text}."},
    }


def questions():
    """One question of each type; the right answers are those named 'rätt'."""
    return [
        {
            "type": "single_choice",
            "id": str(uuid.uuid4()),
            "value": {
                "question": "Finns det en beloppsgräns för mutor?",
                "explanation": "Det finns ingen fast gräns (BrB 10 kap. 5 a §).",
                "options": [option("rätt: nej", True), option("fel: ja, 500 kr")],
            },
        },
        {
            "type": "multiple_choice",
            "id": str(uuid.uuid4()),
            "value": {
                "question": "Vilka är jävsgrunder? Välj alla som stämmer.",
                "explanation": "Se FL 16 §.",
                "options": [
                    option("rätt: släktskap", True),
                    option("rätt: ombud", True),
                    option("fel: samma kontor"),
                ],
            },
        },
        {
            "type": "true_false",
            "id": str(uuid.uuid4()),
            "value": {
                "question": "Chefens godkännande gör en gåva laglig.",
                "answer": "false",
                "feedback_true": "Nej, godkännandet ändrar inget.",
                "feedback_false": "Rätt, godkännandet ändrar inget.",
                "explanation": "Otillbörligheten avgörs inte av chefen.",
            },
        },
        {
            "type": "scenario",
            "id": str(uuid.uuid4()),
            "value": {
                "situation": "En klient säger att hen vet var dina barn går i skolan.",
                "question": "Vad gör du först?",
                "explanation": "Säkerheten först.",
                "options": [option("rätt: avslutar mötet säkert", True), option("fel: ignorerar")],
            },
        },
    ]


def add_quiz(module, **settings):
    module.quiz.add(ModuleQuiz(questions=questions(), **settings))
    module.save_revision().publish()
    module.refresh_from_db()
    return module.quiz.get()


def right_answers(attempt) -> dict[str, list[str]]:
    return {q["id"]: [o["id"] for o in q["options"] if o["correct"]] for q in attempt.questions}


def wrong_answers(attempt) -> dict[str, list[str]]:
    return {
        q["id"]: [next(o["id"] for o in q["options"] if not o["correct"])]
        for q in attempt.questions
    }


def post_data(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    return {f"q_{question_id}": ids for question_id, ids in answers.items()}


@pytest.fixture
def quiz_course(course):
    """The shared course fixture with a four-question quiz on every module."""
    for module in (course.intro_module, course.jav_module, course.recruitment_module):
        add_quiz(module, shuffle_options=False)
    return course

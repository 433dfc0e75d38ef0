"""Factories for the objects most tests need. Values are lazy so every test gets fresh ones."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model

from content.models import HomePage, StandardPage
from courses.models import ComplianceStatus, CourseIndexPage, CoursePage, ModulePage
from people.models import Employee, OrgUnit, Role


class OrgUnitFactory(factory.django.DjangoModelFactory):
    """A unit in the tree; pass parent=... to place it below another unit."""

    class Meta:
        model = OrgUnit

    code = factory.Sequence(lambda n: f"unit-{n}")
    name = factory.Faker("company", locale="sv_SE")
    kind = OrgUnit.Kind.ENHET

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        unit = model_class(*args, **kwargs)
        if parent is None:
            return model_class.add_root(instance=unit)
        parent.refresh_from_db()
        return parent.add_child(instance=unit)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"role-{n}")
    name = factory.LazyAttribute(lambda role: role.code.replace("-", " ").capitalize())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "secret-password")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy signature
        if create:
            obj.save()


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    employee_number = factory.Sequence(lambda n: f"E{n:05d}")
    org_unit = factory.SubFactory(OrgUnitFactory)

    @factory.post_generation
    def roles(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy signature
        if create and extracted:
            obj.roles.set(extracted)

    @factory.post_generation
    def manages(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy signature
        if create and extracted:
            obj.manages.set(extracted)


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Vaksam"
    lead = "Utbildning om otillåten påverkan."


class StandardPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StandardPage

    title = factory.Faker("sentence", nb_words=4, locale="sv_SE")
    summary = "Sammanfattning."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Text.</p>")])


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Kurser"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Kurs {n}")
    intro = "<p>Om kursen.</p>"


class ModulePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ModulePage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Modul {n}")
    summary = "Vad modulen handlar om."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>Modultext.</p>")])

    @factory.post_generation
    def audience(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy signature
        if create and extracted:
            obj.audience_roles.set(extracted)
            obj.save()


class ComplianceStatusFactory(factory.django.DjangoModelFactory):
    """A stored status as recompute_compliance would write it, copies of unit and rank included."""

    class Meta:
        model = ComplianceStatus

    status = ComplianceStatus.Status.NOT_STARTED
    org_unit = factory.LazyAttribute(lambda row: row.employee.org_unit)
    urgency = factory.LazyAttribute(lambda row: ComplianceStatus.URGENCY.index(row.status))
    role_ids = factory.LazyAttribute(
        lambda row: ",".join(
            str(pk) for pk in row.employee.roles.order_by("pk").values_list("pk", flat=True)
        )
    )

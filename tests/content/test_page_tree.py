"""Which pages may live where: the tree a coordinator can build in the admin."""

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from content.models import AccessibilityStatementPage, HomePage, StandardPage
from courses.models import CourseIndexPage, CoursePage, ModulePage


class PageTreeTests(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_information_and_courses(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage, {StandardPage, AccessibilityStatementPage, CourseIndexPage}
        )

    def test_only_one_home_page(self):
        self.assertEqual(HomePage.max_count, 1)

    def test_information_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})

    def test_courses_live_in_a_course_index_and_hold_only_modules(self):
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})

    def test_modules_live_in_a_course_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})
        self.assertAllowedSubpageTypes(ModulePage, set())

    def test_one_accessibility_statement_directly_under_home(self):
        self.assertAllowedParentPageTypes(AccessibilityStatementPage, {HomePage})
        self.assertAllowedSubpageTypes(AccessibilityStatementPage, set())
        self.assertEqual(AccessibilityStatementPage.max_count, 1)

"""Which model fills each parameter of a parameterised URL, so the role x scope matrix can
open a real record of the other department. A guard test fails when a new URL has no entry."""

# Web pages: URL name -> {kwarg: model label or a fixed value}.
CENTER = "centers.Center"
ENROLMENT = "programs.Enrolment"
WEB = {
    **{name: {"pk": CENTER} for name in (
        "childcare_center", "childcare_roll", "childcare_person_search", "childcare_staff", "elderly_center",
        "elderly_roll", "elderly_person_search", "women_center", "women_roll", "women_person_search",
        "center_detail", "center_edit")},
    **{name: {"pk": ENROLMENT} for name in (
        "childcare_exit", "childcare_nutrition", "childcare_evaluations", "elderly_exit", "elderly_home_visit",
        "elderly_refer", "women_exit")},
    **{name: {"pk": "protection.ProtectionCase"} for name in (
        "protection_case_detail", "protection_case_action", "protection_case_refer", "protection_case_close",
        "protection_case_follow_merge")},
    **{name: {"pk": "programs.Referral"} for name in ("elderly_referral_decide", "migrants_referral",
                                                      "referral_detail")},
    "women_fair": {"pk": "women.Fair"},
    **{name: {"pk": "socialservice.SupportRequest"} for name in (
        "socialservice_request", "socialservice_request_study", "socialservice_request_decide",
        "socialservice_request_deliver", "socialservice_receipt")},
    "socialservice_outreach_day": {"pk": "socialservice.OutreachDay"},
    "stock_office": {"pk": "territory.Office"},
    "stock_card": {"pk": "territory.Office", "code": "product"},
    "migrants_reception": {"pk": "migrants.Reception"},
    # print pages (issue 16 item 10): the same record as the page they print
    "childcare_roll_sheet": {"pk": CENTER},
    "childcare_growth_card": {"pk": ENROLMENT},
    "migrants_reception_print": {"pk": "migrants.Reception"},
    "donations_print": {"pk": "donations.Donation"},
    "report_job": {"pk": "reports.ReportJob"},
    "report_job_download": {"pk": "reports.ReportJob"},
    "refer_person": {"person_pk": "registry.Person"},
    "refer_household": {"household_pk": "registry.Household"},
    "planning_plan": {"year": "year"},
    "planning_budget": {"year": "year"},
    "planning_output_edit": {"pk": "planning.Output"},
    "dashboards_program": {"programa": "primera-infancia"},
    "donations_detail": {"pk": "donations.Donation"},
    "donations_distribute": {"pk": "donations.Donation"},
    "donations_document": {"pk": "donations.Donation", "kind": "acta"},
    **{name: {"pk": "shelters.Shelter"} for name in (
        "shelters_detail", "shelters_family_new", "shelters_check_out", "shelters_supply", "shelters_close",
        "shelters_status")},
    **{name: {"pk": "agreements.Agreement"} for name in (
        "agreements_detail", "agreements_document_upload", "agreements_status")},
    "agreements_document": {"pk": "agreements.Agreement", "doc_pk": "agreements.AgreementDocument"},
    "agreements_center_documents": {"center_pk": CENTER},
    "agreements_center_document": {"pk": "agreements.CenterDocument"},
    **{name: {"pk": "dedup.DuplicateCandidate"} for name in ("dedup_pair", "dedup_merge_pair", "dedup_reject")},
    **{name: {"pk": "dedup.PersonMerge"} for name in ("dedup_merge", "dedup_undo")},
    "imports_template": {"kind": "personas"},
    "imports_batch": {"pk": "imports.ImportBatch"},
    "imports_report": {"pk": "imports.ImportBatch"},
    "imports_numbers": {"pk": "imports.ImportBatch"},
    "portal_chart": {"table_id": "T01", "kind": "barras"},
    "api_token_revoke": {"pk": "accounts.ApiToken"},
    **{name: {"pk": "registry.Person"} for name in ("person_detail", "person_edit", "person_delete")},
    **{name: {"pk": "registry.Household"} for name in ("household_detail", "household_edit")},
    "household_member_remove": {"pk": "registry.Household", "member_pk": "registry.HouseholdMember"},
    "history": {"kind": "persona", "pk": "registry.Person"},
    "department": {"pk": "territory.Department"},
    "municipality": {"pk": "territory.Municipality"},
    # exports are expanded per registered list in matrix.export_urls()
    "export": {}, "export_item": {}, "export_item_code": {},
}

# API: path parameter name -> model label or a fixed value (the names say what they are).
API = {
    "person_id": "registry.Person", "household_id": "registry.Household", "center_id": CENTER,
    "enrolment_id": ENROLMENT, "screening_id": "childcare.NutritionScreening", "referral_id": "programs.Referral",
    "event_id": "programs.Event", "office_id": "territory.Office", "product": "product",
    "request_id": "socialservice.SupportRequest", "reception_id": "migrants.Reception",
    "informe": "cuadro-1", "year": "year", "donation_id": "donations.Donation", "kind": "acta",
    "shelter_id": "shelters.Shelter", "agreement_id": "agreements.Agreement", "merge_id": "dedup.PersonMerge",
    "run_id": "dedup.DedupRun", "candidate_id": "dedup.DuplicateCandidate", "batch_id": "imports.ImportBatch",
    "slug": "personas", "pk": CENTER, "code": "product", "cuadro": "T01", "seccion": "presentacion",
}

# Records owned by a user rather than a department: the "other" record is someone else's.
OWNED_BY = {"reports.ReportJob": "user", "imports.ImportBatch": "user", "accounts.ApiToken": "user",
            "dedup.DedupRun": "started_by"}

# Shared reference data every role may read (not personal, not scoped).
UNSCOPED = {"territory.Department", "territory.Municipality", "planning.Output", "year", "product"}

# How to reach the department of a record, tried in order.
DEPARTMENT_PATHS = (
    "department_id", "center__department_id", "event__department_id", "case__department_id",
    "shelter__department_id", "agreement__municipality__department_id", "municipality__department_id",
    "household__department_id", "person_a__department_id", "survivor__department_id", "child__department_id",
)

# Pages anyone may open without logging in.
PUBLIC_PREFIXES = ("/cuenta/ingresar/", "/i18n/", "/transparencia/", "/api/v1/transparencia", "/static/",
                   "/api/v1/openapi.json", "/api/v1/docs", "/salud", "/healthz", "/cuenta/salir/",
                   "/configuracion/login/", "/sw.js", "/manifest.webmanifest")

"""Statement lines are matched to pledges, recorded once, and move the pledges' statuses."""

import time
from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from donations.models import BankStatement, Payment, Pledge, PledgeStatusChange, StatementLine
from donations.reconciliation import (
    StatementError,
    import_statement,
    normalise_name,
    record_manual_match,
    references_in,
)
from tests.donations.factories import PledgeFactory
from tests.donations.statements import BankCSVFormatFactory, camt053_bytes, csv_bytes, row

pytestmark = pytest.mark.django_db


def import_csv(rows, **options):
    fmt = BankCSVFormatFactory()
    return import_statement(
        csv_bytes(rows, fmt), file_name="statement.csv", file_format="csv", csv_format=fmt, **options
    )


def import_camt(rows, **options):
    return import_statement(camt053_bytes(rows), file_name="statement.xml", file_format="camt053", **options)


def spaced_cyrillic(reference):
    """The reference as a donor might type it: lower case, split by a space and a hyphen, Cyrillic look-alikes."""
    cyrillic = str.maketrans(
        {"A": "а", "B": "в", "E": "е", "K": "к", "M": "м", "H": "н", "P": "р", "C": "с", "T": "т", "X": "х"}
    )
    text = reference.translate(cyrillic).lower()
    return f"{text[:3]} {text[3:6]}-{text[6:]}"


def test_reference_is_found_with_cyrillic_look_alikes_spaces_hyphens_and_lower_case():
    assert "ABCEHKMPTX" in references_in("Пожертвование " + spaced_cyrillic("ABCEHKMPTX"))


def test_reference_is_found_inside_a_longer_purpose():
    assert "7K3M9Q2X4B" in references_in("Благотворительный взнос по заявке REF:7K3M9Q2X4B, без НДС")


def test_payer_names_compare_across_scripts_and_word_order():
    assert normalise_name("АСАНОВА Айгуль") == normalise_name("Aigul  Asanova")


def test_csv_line_with_the_reference_matches_and_receives_the_pledge():
    pledge = PledgeFactory(amount=Decimal("1500.00"))
    result = import_csv([row("1500.00", purpose=f"Donation {spaced_cyrillic(pledge.reference)}")])
    assert (result.matched, result.unmatched) == (1, 0)
    payment = Payment.objects.get()
    assert (payment.pledge, payment.amount, payment.currency, payment.received_on) == (
        pledge,
        Decimal("1500.00"),
        "KGS",
        date(2026, 11, 20),
    )
    assert payment.statement_line.matched_by == StatementLine.MatchedBy.REFERENCE
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED
    change = pledge.status_changes.get()
    assert (change.from_status, change.to_status) == (Pledge.Status.PLEDGED, Pledge.Status.RECEIVED)


def test_camt053_line_with_the_reference_matches_the_same_way():
    pledge = PledgeFactory(amount=Decimal("2000.00"))
    result = import_camt([row("2000.00", purpose=f"SOS {pledge.reference}")])
    assert result.matched == 1
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED
    assert BankStatement.objects.get().format == BankStatement.Format.CAMT053


def test_line_without_reference_matches_the_only_open_pledge_of_that_amount_currency_and_payer():
    pledge = PledgeFactory(amount=Decimal("700.00"), donor_name="Айгуль Асанова")
    PledgeFactory(amount=Decimal("700.00"), donor_name="Бакыт Осмонов")
    PledgeFactory(amount=Decimal("700.00"), currency="USD", donor_name="Айгуль Асанова")
    import_csv([row("700.00", purpose="Помощь детям", payer="ASANOVA AIGUL")])
    line = StatementLine.objects.get()
    assert (line.state, line.matched_by, line.payment.pledge) == ("matched", "amount_payer", pledge)


def test_line_fitting_two_open_pledges_stays_unmatched():
    PledgeFactory.create_batch(2, amount=Decimal("700.00"), donor_name="Айгуль Асанова")
    result = import_csv([row("700.00", purpose="Помощь детям")])
    assert result.unmatched == 1
    assert StatementLine.objects.get().state == StatementLine.State.UNMATCHED
    assert not Payment.objects.exists()


def test_line_without_reference_or_fitting_pledge_is_kept_unmatched():
    import_csv([row("123.45", purpose="Оплата за аренду", payer="ОсОО Ромашка")])
    line = StatementLine.objects.get()
    assert (line.state, line.amount, line.payer) == ("unmatched", Decimal("123.45"), "ОсОО Ромашка")


def test_importing_the_same_statement_twice_changes_nothing():
    pledge = PledgeFactory()
    rows = [row("1000.00", purpose=pledge.reference), row("50.00", purpose="Другое")]
    import_csv(rows)
    counts = (BankStatement.objects.count(), StatementLine.objects.count(), Payment.objects.count())
    history = PledgeStatusChange.objects.count()
    again = import_csv(rows)
    assert (again.new_lines, again.duplicates) == (0, 2)
    assert again.statement is None
    assert (BankStatement.objects.count(), StatementLine.objects.count(), Payment.objects.count()) == counts
    assert PledgeStatusChange.objects.count() == history


def test_same_camt_statement_twice_changes_nothing_even_without_bank_ids():
    pledge = PledgeFactory()
    rows = [row("1000.00", purpose=pledge.reference, line_id=""), row("1000.00", purpose=pledge.reference, line_id="")]
    first = import_camt(rows)
    second = import_camt(rows)
    assert (first.new_lines, second.new_lines, second.duplicates) == (2, 0, 2)
    assert StatementLine.objects.count() == 2


def test_a_line_is_never_matched_twice():
    pledge = PledgeFactory()
    import_csv([row("1000.00", purpose=pledge.reference, line_id="TX-SAME")])
    line = StatementLine.objects.get()
    assert record_manual_match(line, PledgeFactory(), user=None) is None
    assert Payment.objects.count() == 1


def test_refund_line_is_recorded_as_a_negative_payment_and_reverts_the_status():
    pledge = PledgeFactory()
    import_csv([row("1000.00", purpose=pledge.reference)])
    result = import_csv([row("-1000.00", purpose=f"Возврат {pledge.reference}", booked=date(2026, 11, 25))])
    assert result.refunds == 1
    refund = Payment.objects.get(amount__lt=0)
    assert (refund.pledge, refund.amount, refund.receipt_status) == (pledge, Decimal("-1000.00"), "not_sent")
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PLEDGED


def test_camt_debit_entry_is_a_refund():
    pledge = PledgeFactory()
    import_camt([row("-250.00", purpose=f"Return {pledge.reference}")])
    assert Payment.objects.get().amount == Decimal("-250.00")


def test_partial_payment_leaves_the_pledge_partly_received_until_the_rest_arrives():
    pledge = PledgeFactory(amount=Decimal("1000.00"))
    import_csv([row("400.00", purpose=pledge.reference)])
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PARTIAL
    import_csv([row("600.00", purpose=pledge.reference)])
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.RECEIVED


def test_monthly_pledge_is_received_for_the_month_of_its_latest_payment():
    pledge = PledgeFactory(amount=Decimal("500.00"), frequency=Pledge.Frequency.MONTHLY)
    import_csv([row("500.00", purpose=pledge.reference, booked=date(2026, 10, 5))])
    import_csv([row("200.00", purpose=pledge.reference, booked=date(2026, 11, 5))])
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PARTIAL  # October's full payment does not count for November


def test_malformed_line_refuses_the_whole_file_naming_the_line():
    pledge = PledgeFactory()
    rows = [row("1000.00", purpose=pledge.reference), row("1000.00"), row("1000.00")]
    data = csv_bytes(rows, BankCSVFormatFactory())
    lines = data.split(b"\r\n")
    lines[3] = lines[3].replace(b"1000,00", b"many")
    with pytest.raises(StatementError, match="Строка 4:"):
        import_statement(b"\r\n".join(lines), file_name="s.csv", file_format="csv", csv_format=BankCSVFormatFactory())
    assert not StatementLine.objects.exists() and not Payment.objects.exists() and not BankStatement.objects.exists()


def test_foreign_csv_is_refused_naming_the_missing_columns():
    with pytest.raises(StatementError, match="Строка 1: .*Назначение платежа"):
        import_statement(
            b"date;amount;who\n01.01.2026;5;x\n",
            file_name="s.csv",
            file_format="csv",
            csv_format=BankCSVFormatFactory(),
        )


def test_camt_entry_without_amount_is_refused_naming_its_line():
    data = camt053_bytes([row("10.00"), row("20.00")]).replace(b'<Amt Ccy="KGS">20.00</Amt>', b"")
    expected_line = data[: data.index(b"<Ntry>", data.index(b"<Ntry>") + 1)].count(b"\n") + 1
    with pytest.raises(StatementError, match=f"Строка {expected_line}: .*Amt"):
        import_statement(data, file_name="s.xml", file_format="camt053")
    assert not StatementLine.objects.exists()


def test_broken_xml_is_refused_naming_the_line():
    with pytest.raises(StatementError, match="Строка 3: .*XML"):
        import_statement(
            b"<?xml version='1.0'?>\n<Document>\n<oops></Document>", file_name="s.xml", file_format="camt053"
        )


def test_xml_with_entities_is_refused():
    data = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><Document>&a;</Document>'
    with pytest.raises(StatementError, match="Строка 1: XML с объявлением типа документа"):
        import_statement(data, file_name="s.xml", file_format="camt053")


def test_dry_run_reports_matches_and_writes_nothing():
    pledge = PledgeFactory()
    result = import_csv([row("1000.00", purpose=pledge.reference), row("5.00")], dry_run=True)
    assert (result.matched, result.unmatched, result.statement) == (1, 1, None)
    assert not StatementLine.objects.exists() and not Payment.objects.exists()
    pledge.refresh_from_db()
    assert pledge.status == Pledge.Status.PLEDGED


def test_manual_match_records_the_payment_and_the_status():
    import_csv([row("1000.00", purpose="без номера", payer="Неизвестный")])
    pledge = PledgeFactory()
    line = StatementLine.objects.get()
    payment = record_manual_match(line, pledge, user=None, note="Позвонили донору")
    line.refresh_from_db()
    pledge.refresh_from_db()
    assert (line.state, line.matched_by, payment.statement_line) == ("matched", "manual", line)
    assert pledge.status == Pledge.Status.RECEIVED
    assert BankStatement.objects.get().lines_matched == 1


def test_ten_thousand_lines_import_in_seconds_with_bounded_queries(django_assert_max_num_queries):
    pledges = PledgeFactory.create_batch(200)
    rows = [
        row("1000.00", purpose=f"Donation {pledges[n % 200].reference}" if n % 2 else f"Misc {n}", payer=f"P {n}")
        for n in range(10_000)
    ]
    fmt = BankCSVFormatFactory()
    data = csv_bytes(rows, fmt)
    started = time.perf_counter()
    with django_assert_max_num_queries(300):
        result = import_statement(data, file_name="big.csv", file_format="csv", csv_format=fmt)
    elapsed = time.perf_counter() - started
    assert (result.new_lines, result.matched) == (10_000, 5_000)
    assert StatementLine.objects.count() == 10_000
    assert elapsed < 30, elapsed


def upload_data(rows, **fields):
    fmt = BankCSVFormatFactory()
    data = {"file": SimpleUploadedFile("statement.csv", csv_bytes(rows, fmt)), "format": "csv", "bank": fmt.pk}
    data.update(fields)
    return data


def test_fundraiser_sees_the_upload_form(client, fundraiser):
    client.force_login(fundraiser)
    response = client.get(reverse("donations_reconciliation:upload"))
    assert response.status_code == 200
    assert b'type="file"' in response.content


def test_fundraiser_uploads_a_statement_and_reads_the_result(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    response = client.post(
        reverse("donations_reconciliation:upload"),
        upload_data([row("1000.00", purpose=pledge.reference), row("-5.00")]),
    )
    statement = BankStatement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("donations_reconciliation:statement", args=[statement.pk])
    assert (statement.uploaded_by, statement.lines_matched, statement.refunds) == (fundraiser, 1, 1)
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert pledge.reference.encode() in page.content


def test_upload_of_a_malformed_file_shows_the_line_and_imports_nothing(client, fundraiser):
    client.force_login(fundraiser)
    data = upload_data([row("1000.00")])
    data["file"] = SimpleUploadedFile("statement.csv", data["file"].read().replace(b"1000,00", b"lots"))
    response = client.post(reverse("donations_reconciliation:upload"), data)
    assert response.status_code == 400
    assert "Строка 2: «lots» — не сумма." in response.content.decode()
    assert not StatementLine.objects.exists()


def test_upload_of_xml_as_csv_is_refused_with_a_message(client, fundraiser):
    client.force_login(fundraiser)
    data = upload_data([])
    data["file"] = SimpleUploadedFile("statement.xml", camt053_bytes([row("5.00")]))
    response = client.post(reverse("donations_reconciliation:upload"), data)
    assert response.status_code == 400 and "camt.053" in response.content.decode()


def test_csv_upload_without_a_bank_is_refused(client, fundraiser):
    client.force_login(fundraiser)
    response = client.post(reverse("donations_reconciliation:upload"), upload_data([row("5.00")], bank=""))
    assert response.status_code == 400
    assert not BankStatement.objects.exists()


def test_dry_run_upload_shows_the_result_and_writes_nothing(client, fundraiser):
    pledge = PledgeFactory()
    client.force_login(fundraiser)
    response = client.post(
        reverse("donations_reconciliation:upload"),
        upload_data([row("1000.00", purpose=pledge.reference)], dry_run="on"),
    )
    assert response.status_code == 200
    assert response.context["result"].matched == 1
    assert not StatementLine.objects.exists()


def test_content_editor_gets_403_on_every_reconciliation_view(client, content_editor):
    import_csv([row("5.00")])
    line = StatementLine.objects.get()
    client.force_login(content_editor)
    urls = [
        reverse("donations_reconciliation:upload"),
        reverse("donations_reconciliation:statements"),
        reverse("donations_reconciliation:statement", args=[line.statement_id]),
        reverse("donations_reconciliation:lines"),
        reverse("donations_reconciliation:line", args=[line.pk]),
        reverse("donations_reconciliation:pledge_payments", args=[PledgeFactory().pk]),
        reverse("bank_csv_formats:index"),
    ]
    for url in urls:
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("donations_reconciliation:upload"), upload_data([row("5.00")]))
    assert response.status_code == 403


@pytest.mark.parametrize("user_fixture", ["fundraiser", "superuser"])
def test_fundraising_staff_and_superusers_reach_every_reconciliation_view(client, request, user_fixture):
    pledge = PledgeFactory()
    import_csv([row("5.00"), row("1000.00", purpose=pledge.reference)])
    line = StatementLine.objects.unmatched().get()
    client.force_login(request.getfixturevalue(user_fixture))
    urls = [
        reverse("donations_reconciliation:statements"),
        reverse("donations_reconciliation:statement", args=[line.statement_id]),
        reverse("donations_reconciliation:lines"),
        reverse("donations_reconciliation:line", args=[line.pk]),
        reverse("donations_reconciliation:pledge_payments", args=[pledge.pk]),
        reverse("bank_csv_formats:index"),
        reverse("bank_csv_formats:add"),
    ]
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_unmatched_list_shows_only_unmatched_lines_by_default(client, fundraiser):
    pledge = PledgeFactory()
    import_csv([row("5.00", payer="Банк комиссия"), row("1000.00", purpose=pledge.reference)])
    client.force_login(fundraiser)
    response = client.get(reverse("donations_reconciliation:lines"))
    assert response.status_code == 200
    assert [line.payer for line in response.context["object_list"]] == ["Банк комиссия"]


def test_fundraiser_matches_a_line_by_a_typed_reference(client, fundraiser):
    import_csv([row("1000.00", purpose="без номера")])
    pledge = PledgeFactory()
    line = StatementLine.objects.get()
    client.force_login(fundraiser)
    response = client.post(
        reverse("donations_reconciliation:line", args=[line.pk]),
        {"match": "1", "match-reference": spaced_cyrillic(pledge.reference), "match-note": "Звонок"},
    )
    assert response.status_code == 302
    payment = Payment.objects.get()
    assert (payment.pledge, payment.created_by, payment.note) == (pledge, fundraiser, "Звонок")
    line.refresh_from_db()
    assert (line.state, line.handled_by) == ("matched", fundraiser)


def test_unknown_reference_is_refused_with_a_message(client, fundraiser):
    import_csv([row("1000.00")])
    line = StatementLine.objects.get()
    client.force_login(fundraiser)
    response = client.post(
        reverse("donations_reconciliation:line", args=[line.pk]), {"match": "1", "match-reference": "NOPE"}
    )
    assert response.status_code == 400 and not Payment.objects.exists()


def test_fundraiser_sets_a_line_aside_as_not_a_donation(client, fundraiser):
    import_csv([row("-150.00", payer="Банк", purpose="Комиссия за обслуживание")])
    line = StatementLine.objects.get()
    client.force_login(fundraiser)
    response = client.post(
        reverse("donations_reconciliation:line", args=[line.pk]), {"ignore": "1", "ignore-note": "Комиссия банка"}
    )
    assert response.status_code == 302
    line.refresh_from_db()
    assert (line.state, line.note, line.handled_by) == ("ignored", "Комиссия банка", fundraiser)


def test_handled_line_cannot_be_matched_again(client, fundraiser):
    pledge = PledgeFactory()
    import_csv([row("1000.00", purpose=pledge.reference)])
    line = StatementLine.objects.get()
    client.force_login(fundraiser)
    client.post(
        reverse("donations_reconciliation:line", args=[line.pk]), {"match": "1", "match-reference": pledge.reference}
    )
    assert Payment.objects.count() == 1


def test_pledge_payments_page_lists_payments_and_refunds(client, fundraiser):
    pledge = PledgeFactory()
    import_csv([row("1000.00", purpose=pledge.reference), row("-400.00", purpose=pledge.reference)])
    client.force_login(fundraiser)
    response = client.get(reverse("donations_reconciliation:pledge_payments", args=[pledge.pk]))
    assert response.status_code == 200
    assert len(response.context["payments"]) == 2
    assert [(row["currency"], row["total"]) for row in response.context["totals"]] == [("KGS", Decimal("600.00"))]


@pytest.mark.parametrize(
    ("url_name", "expected_queries"),
    [("donations_reconciliation:lines", 11), ("donations_reconciliation:statements", 11)],
)
def test_reconciliation_lists_keep_a_fixed_number_of_queries(
    client, fundraiser, django_assert_num_queries, url_name, expected_queries
):
    import_csv([row("5.00", payer=f"Payer {n}") for n in range(30)])
    import_csv([row("7.00", payer=f"Payer {n}") for n in range(30)])
    client.force_login(fundraiser)
    client.get(reverse(url_name))  # warm the session and the site's settings
    with django_assert_num_queries(expected_queries):
        response = client.get(reverse(url_name))
    assert response.status_code == 200


def test_statement_page_keeps_a_fixed_number_of_queries(client, fundraiser, django_assert_num_queries):
    pledges = PledgeFactory.create_batch(5)
    import_csv([row("1000.00", purpose=pledge.reference) for pledge in pledges] + [row("1.00") for _n in range(20)])
    statement = BankStatement.objects.get()
    client.force_login(fundraiser)
    url = reverse("donations_reconciliation:statement", args=[statement.pk])
    client.get(url)
    with django_assert_num_queries(12):
        response = client.get(url)
    assert response.status_code == 200


def test_line_list_searches_payer_and_purpose(client, fundraiser):
    import_csv([row("5.00", payer="ОсОО Ромашка", purpose="Аренда"), row("6.00", payer="Иванов", purpose="Взнос")])
    client.force_login(fundraiser)
    response = client.get(reverse("donations_reconciliation:lines"), {"q": "Аренда", "state": "unmatched"})
    assert response.status_code == 200
    assert [line.payer for line in response.context["object_list"]] == ["ОсОО Ромашка"]


def test_renaming_a_bank_format_keeps_its_lines_recognised():
    rows = [row("5.00")]
    import_csv(rows)
    fmt = BankCSVFormatFactory()
    data = csv_bytes(rows, fmt)
    fmt.name = "DemirBank KG"
    fmt.save()
    again = import_statement(data, file_name="s.csv", file_format="csv", csv_format=fmt)
    assert (again.new_lines, again.duplicates) == (0, 1)


def test_donations_menu_offers_reconciliation_to_fundraisers_only(client, fundraiser, content_editor):
    upload_url = reverse("donations_reconciliation:upload")
    client.force_login(fundraiser)
    assert upload_url in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(content_editor)
    assert upload_url not in client.get(reverse("wagtailadmin_home")).content.decode()

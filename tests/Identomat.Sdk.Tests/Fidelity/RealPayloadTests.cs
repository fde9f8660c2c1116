using System.Net;
using System.Security.Cryptography;
using System.Text;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Tests.Fidelity;

/// <summary>What the vendor really sends and what integrators really write, run through the SDK.</summary>
public class RealPayloadTests
{
    private static string Vendor(string name) => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "Vendor", name));

    // Row 1: dates in every form, in either field; instants beside dates.
    [Test]
    public void A_real_proof_of_address_date_in_the_plain_field_is_read_with_its_instant()
    {
        var result = VerificationResult.FromJson("""{"generalDocuments":[{"pages":[{"final":{"documentIssued":"2024-01-25T22:00:00.000Z"}}]}]}""");
        var fields = result.GeneralDocuments![0].Pages![0].Final!;

        Assert.That(fields.DocumentIssuedTimestamp, Is.EqualTo(new DateTimeOffset(2024, 1, 25, 22, 0, 0, TimeSpan.Zero)));
        Assert.That(fields.DocumentIssuedDate, Is.EqualTo(new DateTime(2024, 1, 25)), "the UTC date: local midnight of the 26th at UTC+2");
        Assert.That(fields.DocumentIssuedTimestamp!.Value.ToOffset(TimeSpan.FromHours(2)).Date, Is.EqualTo(new DateTime(2024, 1, 26)));
    }

    [TestCase("birthday", "3/7/1990", "1990-03-07", null)]
    [TestCase("birthday", "1990-03-07", "1990-03-07", null)]
    [TestCase("birthday", "1990-03-06T20:00:00.000Z", "1990-03-06", "1990-03-06T20:00:00Z")]
    [TestCase("birthday_time", "3/7/1990", "1990-03-07", null)]
    [TestCase("birthday_time", "1990-03-07T00:00:00+04:00", "1990-03-06", "1990-03-07T00:00:00+04:00")]
    [TestCase("birthday", "07.03.1990", "1990-03-07", null)]
    public void Every_date_form_in_either_field_is_read(string field, string value, string date, string? instant)
    {
        var person = VerificationResult.FromJson("{\"person\":{\"" + field + "\":\"" + value + "\"}}").Person!;

        Assert.That(person.DateOfBirth, Is.EqualTo(DateTime.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(person.DateOfBirthTimestamp, Is.EqualTo(instant is null ? null : DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Expiry_and_issue_dates_of_the_person_and_documents_read_both_forms()
    {
        var result = VerificationResult.FromJson("""
            {"person":{"document_expires":"2031-05-30T20:00:00.000Z","document_issued":"5/31/2021"},
             "generalDocuments":[{"pages":[{"final":{"documentExpires":"12/31/2025","documentIssuedTime":"2025-01-01T00:00:00Z"}}]}]}
            """);

        Assert.That(result.Person!.DocumentExpiryDate, Is.EqualTo(new DateTime(2031, 5, 30)));
        Assert.That(result.Person.DocumentExpiryTimestamp, Is.Not.Null);
        Assert.That(result.Person.DocumentIssuedDate, Is.EqualTo(new DateTime(2021, 5, 31)));
        var fields = result.GeneralDocuments![0].Pages![0].Final!;
        Assert.That((fields.DocumentExpiryDate, fields.DocumentIssuedDate), Is.EqualTo((new DateTime(2025, 12, 31), new DateTime(2025, 1, 1))));
        Assert.That(VerificationResult.FromJson("""{"person":{"birthday":"not a date"}}""").Person!.DateOfBirth, Is.Null);
    }

    // Row 2: the older result key.
    [Test]
    public void The_older_general_document_key_reads_into_the_same_property_and_is_written_back_as_sent()
    {
        const string older = """{"result":"approved","general_document":[{"documentType":"UTILITY_BILL","pages":[]}]}""";
        var result = VerificationResult.FromJson(older);

        Assert.That(result.GeneralDocuments!.Single().DocumentType, Is.EqualTo("UTILITY_BILL"));
        Assert.That(result.ToJson(), Is.EqualTo(older));
        Assert.That(VerificationResult.FromJson("""{"general_document":[]}""").GeneralDocuments, Is.Empty);
        Assert.That(VerificationResult.FromJson("""{"general_document":{}}""").GeneralDocuments, Is.Null, "an undocumented shape reads as nothing, not a failure");
        Assert.That(VerificationResult.FromJson("""{"generalDocuments":[{"typeId":"a"}],"general_document":[{"typeId":"b"}]}""").GeneralDocuments!.Single().TypeId, Is.EqualTo("a"));
    }

    // Row 3: the flags real integrations send are typed, and the goldens do not move.
    [Test]
    public void Real_flag_objects_read_into_typed_properties()
    {
        var request = SessionRequest.FromJson("""
            {"flags":{"skip_agreement":true,"language":"ka","liveness":true,"document_types":["id","passport"],"allow_document_upload":false,"allow_general_document_capture":true,"allow_general_document_upload":false}}
            """);
        var flags = request.Flags!;

        Assert.That((flags.SkipAgreement, flags.ActiveLiveness, flags.AllowDocumentUpload, flags.AllowGeneralDocumentCapture, flags.AllowGeneralDocumentUpload), Is.EqualTo(((bool?)true, (bool?)true, (bool?)false, (bool?)true, (bool?)false)));
        Assert.That(flags.DocumentTypes, Is.EqualTo(new[] { DocumentType.Id, DocumentType.Passport }));
        Assert.That(flags.AdditionalProperties, Is.Null, "nothing left raw");
        Assert.That(request.ToJson(), Is.EqualTo("""{"flags":{"language":"ka","skip_agreement":true,"liveness":true,"document_types":["id","passport"],"allow_document_upload":false,"allow_general_document_capture":true,"allow_general_document_upload":false}}"""));
        var clash = new SessionRequest { Flags = new SessionFlags { SkipAgreement = true, AdditionalProperties = Golden.GoldenCases.Raw("""{"skip_agreement": false}""") } };
        Assert.That(clash.Validate().Single().Path, Is.EqualTo("flags.skip_agreement"), "the raw-property rule covers the new typed flags");
    }

    // Row 4: warnings for unknown types, with suggestions; never errors.
    [TestCase("face", "liveness")]
    [TestCase("document", "identity-document")]
    [TestCase("selfie", "face-document")]
    [TestCase("livenes", "liveness")]
    [TestCase("identity-documnet", "identity-document")]
    [TestCase("phone", "phone-number")]
    [TestCase("signature", null)]
    public void Unknown_step_types_are_warnings_with_a_suggestion(string type, string? suggestion)
    {
        var request = SessionRequest.FromJson($$"""{"steps":[{"type":"liveness","key":"a"},{"type":"{{type}}","key":"b"}]}""");

        Assert.That(request.Validate(), Is.Empty, "a valid flow has no errors");
        var warning = request.GetWarnings().Single();
        Assert.That((warning.Path, warning.Suggestion), Is.EqualTo(("steps[1].type", suggestion)));
        Assert.That(warning.Message, Does.Contain($"'{type}' is not a step type the SDK knows"));
    }

    [Test]
    public void Unknown_question_types_and_steps_inside_a_video_call_are_warned_about_too()
    {
        var request = new SessionBuilder()
            .AddUserQuestionnaire("q", "Q", q => q.Add(new UnknownQuestion("checkbox") { Key = "c", Title = "C" }))
            .AddVideoCall(v => v.Add(new UnknownStep("phone") { Key = "p" }))
            .Build();

        Assert.That(request.GetWarnings().Select(w => (w.Path, w.Suggestion)), Is.EqualTo(new[] { ("steps[0].questions[0].type", (string?)"multiple-choice"), ("steps[1].flags.steps[0].type", "phone-number") }));
        Assert.That(new SessionBuilder().AddLiveness().Build().GetWarnings(), Is.Empty);
    }

    [Test]
    public async Task Begin_logs_one_warning_line_for_a_flow_with_warnings_and_sends_it()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        var logs = new FakeLogCollector();
        using var loggers = LoggerFactory.Create(b => b.AddProvider(new FakeLoggerProvider(logs)));
        using var client = fake.CreateClient(loggerFactory: loggers);

        await client.BeginSessionAsync(SessionRequest.FromJson("""{"steps":[{"type":"face","key":"f"},{"type":"document","key":"d"}]}"""));
        await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());

        var warnings = logs.GetSnapshot().Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.That(warnings, Has.Count.EqualTo(1));
        Assert.That(warnings[0].Message, Does.Contain("2 warning(s)").And.Contain("did you mean 'liveness'").And.Contain("did you mean 'identity-document'"));
        Assert.That(fake.ReceivedSessions, Has.Count.EqualTo(2));
    }

    // Row 5: one rule for plain-string titles.
    [Test]
    public void Operator_questionnaires_accept_plain_strings_wherever_text_is_allowed_and_keep_them()
    {
        const string json = """{"steps":[{"type":"operator-questionnaire","key":"op","title":"Operator check","questions":[{"type":"options","key":"ok","title":"Documents genuine?","options":[{"key":"y","title":"Yes"},{"key":"n","title":"No"}]},{"type":"file","key":"f","title":"Evidence","description":"Upload it"}]}]}""";
        var request = SessionRequest.FromJson(json);

        Assert.That(request.Validate(), Is.Empty);
        Assert.That(request.ToJson(), Is.EqualTo(json), "kept as read");
        var user = SessionRequest.FromJson(json.Replace("operator-questionnaire", "user-questionnaire", StringComparison.Ordinal));
        Assert.That(user.Validate().Select(e => e.Path), Is.EqualTo(new[] { "steps[0].title", "steps[0].questions[0].title", "steps[0].questions[0].options[0].title", "steps[0].questions[0].options[1].title", "steps[0].questions[1].title", "steps[0].questions[1].description" }));
        var built = new SessionBuilder().AddOperatorQuestionnaire("op", "Check", q => q.AddText("t", "Title")).Build();
        Assert.That(built.ToJson(), Does.Contain("\"title\":{\"en\":\"Title\"}"), "the builder writes objects");
    }

    // Row 6: audit-grade results.
    [Test]
    public async Task The_exact_answer_and_its_signature_are_kept_and_can_be_verified_later()
    {
        var body = Encoding.UTF8.GetBytes("""{ "result" : "approved", "document_type" : "", "permanent" : null, "similarity":0.90 }""");
        var signature = "signature=\"" + Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes("sk"), body)) + "\"";
        var handler = new StubHandler(_ =>
        {
            var response = StubHandler.Answer(HttpStatusCode.OK, body);
            response.Headers.TryAddWithoutValidation("Authorization", signature);
            return response;
        });
        using var client = handler.Client(o => o.SecretKey = "sk");

        var result = await client.GetResultAsync("tok");

        Assert.That(result.RawJson.ToArray(), Is.EqualTo(body), "the server's bytes, not the SDK's normalization");
        Assert.That(result.ToJson(), Is.Not.EqualTo(Encoding.UTF8.GetString(body)));
        Assert.That(result.ResponseSignature, Is.EqualTo(signature));
        Assert.That(IdentomatSignatures.Verify(result.RawJson, result.ResponseSignature, "sk"), Is.True);
        Assert.That(IdentomatSignatures.Verify(result.RawJson, result.ResponseSignature, "other"), Is.False);
        var tampered = result.RawJson.ToArray();
        tampered[15] ^= 1;
        Assert.That(IdentomatSignatures.Verify(tampered, result.ResponseSignature, "sk"), Is.False);
        Assert.That(VerificationResult.FromJson("""{"result":"approved"}"""), Is.EqualTo(VerificationResult.FromJson("""{ "result" : "approved" }""")), "the kept bytes take no part in equality");
        Assert.That(VerificationResult.FromJson("""{"result":"x"}""").RawJson.ToArray(), Is.EqualTo("""{"result":"x"}"""u8.ToArray()));
    }

    // Row 7: the vendor's published examples.
    [TestCase("f01-vendor-apiref-default-session.json", "{}")]
    [TestCase("f02-vendor-apiref-flags-steps-parent.json", """{"flags":{},"steps":[],"parent_session_id":"98aryxvvzwpi4zuasth332ozfucli3l0qx13hisc"}""")]
    [TestCase("f03-vendor-apiref-config-id.json", """{"config_id":"62412c096c4b39ba845d4bf2"}""")]
    public void The_vendors_begin_bodies_read_and_write_back_without_the_company_key(string file, string expected)
    {
        var request = SessionRequest.FromJson(Vendor(file));

        Assert.That(request.Validate(), Is.Empty);
        Assert.That(request.ToJson(), Is.EqualTo(expected));
    }

    [Test]
    public void The_vendors_malformed_and_truncated_examples_fail_with_typed_errors()
    {
        Assert.That(Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson(Vendor("f04-vendor-apiref-config-id-as-published-malformed.json")))!.Errors.Single().Message, Does.StartWith("malformed JSON at line 2"));
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => new IdentomatCallbackParser(["apikey123"], "ck_dedup_secret").Parse(Vendor("c02-vendor-share-session-link-via-sms.truncated.txt")))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        Assert.Throws<IdentomatException>(() => VerificationResult.FromJson(Vendor("r04-vendor-apiref-session-approved.truncated.txt")));
    }

    [Test]
    public void The_vendors_callback_sample_parses()
    {
        var otp = (OneTimePasswordRequestCallback)new IdentomatCallbackParser(["callback-api-key-123"], "ck_dedup_secret").Parse(Vendor("c01-vendor-one-time-password-request.json"));

        Assert.That((otp.SessionId, otp.Text, otp.PhoneNumber), Is.EqualTo(("wwb83rh1se22wd81z0tx8bqlerljq5kgf6rxem1q", "Your code is 6867", "+995512345678")));
    }

    [Test]
    public void The_readable_part_of_the_vendors_truncated_result_example_is_the_documented_shape()
    {
        // The stored copy ends mid-value; closing it where it stops shows the fields the SDK types.
        var text = Vendor("r04-vendor-apiref-session-approved.truncated.txt");
        var closed = text.Substring(0, text.LastIndexOf(',')) + "}}]}]}";
        var result = VerificationResult.FromJson(closed);

        Assert.That((result.Status, result.Similarity, result.IsLive, result.DocumentType), Is.EqualTo(((VerificationStatus?)VerificationStatus.Approved, (double?)0.9027283530404249, (bool?)false, (DocumentType?)DocumentType.Id)));
        Assert.That(result.GeneralDocuments![0].Pages![0].Final!.City, Is.EqualTo("Los Angeles"));
    }

    // Row 8: session lifetime.
    [Test]
    public void A_session_says_when_it_expires()
    {
        var issued = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var session = new IdentomatSession("tok", new Uri("https://widget.identomat.com/?session_token=tok"), issued);

        Assert.That(session.ExpiresAt, Is.EqualTo(issued.AddMinutes(15)));
        Assert.That(IdentomatSession.DefaultLifetime, Is.EqualTo(TimeSpan.FromMinutes(15)));
    }
}

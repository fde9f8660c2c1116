using System.Net;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Microsoft.Extensions.Time.Testing;
using WireMock.ResponseBuilders;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Client;

/// <summary>Each operation against WireMock: method, path, exact body, headers, and the typed answer.</summary>
public class OperationTests
{
    private static readonly SessionRequest Flow = new SessionBuilder().AddIdentityDocument().AddLiveness().ForClientUser("user-42").Build();

    [Test]
    public async Task BeginSession_posts_the_exact_body_once_and_returns_the_session()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
        using var h = new ClientHarness(time: time);
        h.Server.Answer("begin/", Json("\"" + ClientHarness.Token + "\""));

        var session = await h.Client.BeginSessionAsync(Flow);

        var request = h.Requests("begin/").Single().RequestMessage!;
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo("POST"));
            Assert.That(request.Body, Is.EqualTo("{\"company_key\":\"" + ClientHarness.CompanyKey + "\"," + Flow.ToJson().Substring(1)));
            Assert.That(request.Headers!["Content-Type"].Single(), Is.EqualTo("application/json; charset=utf-8"));
            Assert.That(request.Headers!["User-Agent"].Single(), Does.StartWith("Identomat.Sdk/").And.Contain(".NET"));
            Assert.That(request.Headers!.ContainsKey("Authorization"), Is.False, "unsigned without a secret key");
            Assert.That(session.Token, Is.EqualTo(ClientHarness.Token));
            Assert.That(session.WidgetUrl, Is.EqualTo(new Uri("https://widget.identomat.com/?session_token=" + ClientHarness.Token)));
            Assert.That(session.IssuedAt, Is.EqualTo(time.GetUtcNow()));
            Assert.That(session.ToString(), Does.Not.Contain(ClientHarness.Token));
        });
    }

    [Test]
    public void BeginSession_with_an_invalid_request_sends_nothing()
    {
        using var h = new ClientHarness();
        h.Server.Answer("begin/", Json("\"" + ClientHarness.Token + "\""));
        var invalid = new SessionRequest { Steps = [new LivenessStep { Key = "" }] };

        var ex = Assert.ThrowsAsync<IdentomatValidationException>(() => h.Client.BeginSessionAsync(invalid));

        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("steps[0].key"));
        Assert.That(h.Server.LogEntries, Is.Empty);
    }

    [Test]
    public void BeginSession_refused_key_with_http_200_is_an_authentication_error()
    {
        using var h = new ClientHarness();
        h.Server.Answer("begin/", Json("\"COMPANY_KEY_INVALID\""));

        var ex = Assert.ThrowsAsync<IdentomatAuthenticationException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(ex!.ErrorCode, Is.EqualTo("COMPANY_KEY_INVALID"));
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.Attempts, Is.EqualTo(1));
        Assert.That(h.Requests("begin/"), Has.Count.EqualTo(1));
    }

    [TestCase("{\"token\":\"x\"}")]
    [TestCase("\"\"")]
    [TestCase("42")]
    public void BeginSession_answer_that_is_not_a_token_is_an_api_error(string body)
    {
        using var h = new ClientHarness();
        h.Server.Answer("begin/", Json(body));

        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => h.Client.BeginSessionAsync(Flow));

        Assert.That(ex, Is.TypeOf<IdentomatApiException>());
        Assert.That(ex!.Message, Does.Contain("expected a session token"));
    }

    [Test]
    public async Task GetResult_posts_company_key_and_token()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.empty-person")));

        await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(h.Requests("result/").Single().RequestMessage!.Body, Is.EqualTo($"{{\"company_key\":\"{ClientHarness.CompanyKey}\",\"session_token\":\"{ClientHarness.Token}\"}}"));
    }

    [Test]
    public async Task GetResult_approved_with_proof_of_address_is_typed()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.approved-with-proof-of-address")));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(VerificationStatus.Approved));
            Assert.That(result.Status!.Value.IsKnown, Is.True);
            Assert.That(result.Similarity, Is.EqualTo(0.9734));
            Assert.That(result.IsLive, Is.True);
            Assert.That(result.DocumentType, Is.EqualTo(DocumentType.Id));
            Assert.That(result.RejectReason!.Value, Is.Null, "an empty reason reads as none");
            Assert.That(result.FaceImages, Is.EqualTo(2));
            Assert.That(result.Person!.LocalFirstName, Is.EqualTo("ნინო"));
            Assert.That(result.Person.Age, Is.EqualTo(35));
            Assert.That(result.Person.DateOfBirth, Is.EqualTo(new DateTime(1991, 3, 7)));
            Assert.That(result.Person.Birthday, Is.EqualTo("3/7/1991"));
            Assert.That(result.Person.DocumentExpiryDate, Is.EqualTo(new DateTime(2029, 5, 20)));
            var page = result.GeneralDocuments!.Single().Pages!.Single();
            Assert.That(result.GeneralDocuments![0].DocumentType, Is.EqualTo("UTILITY_BILL"));
            Assert.That(page.TypeId, Is.EqualTo("utility-bill"));
            Assert.That(page.Statuses, Is.EqualTo(new[] { "NAME_MATCH", "ADDRESS_FOUND" }));
            Assert.That(page.DocumentPages!.Single().PageNumber, Is.EqualTo(1));
            Assert.That(page.Final!.City, Is.EqualTo("Tbilisi"));
            Assert.That(page.Final.Latitude, Is.EqualTo(41.6997));
            Assert.That(page.Final.DocumentIssuedDate, Is.EqualTo(new DateTime(2026, 10, 2)));
            Assert.That(page.Final.AdditionalProperties!["accountNumber"].GetString(), Is.EqualTo("4418827"));
            Assert.That(result.TechnicalDetails!.CountryCode, Is.EqualTo("GE"));
            Assert.That(result.Questionnaires, Is.Empty);
            Assert.That(result.ToString(), Is.EqualTo("VerificationResult { Status = approved }"));
        });
    }

    [Test]
    public async Task GetResult_rejected_with_ocr_maps_is_typed()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.rejected-with-ocr")));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(VerificationStatus.Rejected));
            Assert.That(result.RejectReason!.Value, Is.EqualTo("face_mismatch"));
            Assert.That(result.Comment, Is.EqualTo("Different person"));
            Assert.That(result.DocumentType, Is.EqualTo(DocumentType.Passport));
            Assert.That(result.Person!.Age, Is.EqualTo(40), "a number sent as a string is read");
            Assert.That(result.Person.DateOfBirth, Is.EqualTo(new DateTime(1985, 12, 31)), "M/D/YYYY parsed without the ISO field");
            Assert.That(result.IdCardFront!["Given_Names_en_US"].GetString(), Is.EqualTo("JOHN"));
            Assert.That(result.IdCardFront["confidence"].GetProperty("Surname_en_US").GetDouble(), Is.EqualTo(0.99));
            Assert.That(result.IdCardBack, Is.Empty);
            Assert.That(result.Suggested!["first_name"].GetString(), Is.EqualTo("JOHN"));
            Assert.That(result.TrustedDatabaseRecord, Is.Null.Or.Property("ValueKind").EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task GetResult_manual_check_with_questionnaires_and_screening_is_typed()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.manual-check-with-questionnaires")));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);
        var answers = result.Questionnaires!.Single();

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(VerificationStatus.ManualCheck));
            Assert.That(result.DocumentType, Is.EqualTo(DocumentType.DriverLicense));
            Assert.That(result.Person!.Status, Is.EqualTo("FIELDS_MISMATCH"));
            Assert.That(answers.Key, Is.EqualTo("about_you"));
            Assert.That(answers["occupation"]!.Text, Is.EqualTo("Engineer"));
            Assert.That(answers["income"]!.Values, Is.EqualTo(new[] { "salary", "dividends" }));
            Assert.That(answers["pep"]!.Boolean, Is.False);
            Assert.That(answers["full_name"]!.Localized!["de"], Is.EqualTo("Anna Müller"));
            Assert.That(answers["occupation"]!.Values, Is.Null);
            Assert.That(answers["missing"], Is.Null);
            Assert.That(result.ScreeningMatches!.Select(m => (m.Score, m.PersonId, m.ReviewStatus)), Is.EqualTo(new[] { (0.87, "sc-99812", "pending"), (0.42, "sc-10023", "dismissed") }));
            Assert.That(result.ConfigId, Is.EqualTo("cfg_eu_standard"));
        });
    }

    [Test]
    public async Task GetResult_keeps_unknown_status_and_fields_and_tolerates_wrong_kinds()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.unknown-status-and-fields")));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.Multiple(() =>
        {
            Assert.That(result.Status, Is.EqualTo(new VerificationStatus("declined_terms")));
            Assert.That(result.Status!.Value.IsKnown, Is.False);
            Assert.That(result.Similarity, Is.Null, "\"n/a\" is not a number");
            Assert.That(result.IsLive, Is.Null, "\"yes\" is not a boolean");
            Assert.That(result.DocumentType, Is.EqualTo(new DocumentType("military_id")));
            Assert.That(result.Person!.Age, Is.Null);
            Assert.That(result.Person.AdditionalProperties!["middle_name_v2"].GetString(), Is.EqualTo("X"));
            Assert.That(result.AdditionalProperties!["riskScore"].GetProperty("value").GetInt32(), Is.EqualTo(17));
            Assert.That(result.AdditionalProperties["newTopLevelFlag"].GetBoolean(), Is.True);
            Assert.That(result.GeneralDocuments![0].Pages![0].PageNumber, Is.EqualTo(2));
            Assert.That(result.GeneralDocuments[0].Pages![0].Final!.Latitude, Is.Null);
            Assert.That(result.GeneralDocuments[0].Pages![0].Final!.AdditionalProperties!["roomCount"].GetInt32(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task GetResult_with_empty_person_and_empty_strings()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.empty-person")));

        var result = await h.Client.GetResultAsync(ClientHarness.Token);

        Assert.That(result.Status, Is.Null);
        Assert.That(result.DocumentType, Is.Null);
        Assert.That(result.Person, Is.Not.Null);
        Assert.That(result.Person!.FirstName, Is.Null);
        Assert.That(result.Person.DateOfBirth, Is.Null);
    }

    [TestCase("result/")]
    [TestCase("result/face/")]
    [TestCase("delete/")]
    public void Unknown_token_is_session_not_found(string path)
    {
        using var h = new ClientHarness();
        h.Server.Answer(path, Json("\"SESSION_NOT_FOUND\""));

        var ex = Assert.ThrowsAsync<IdentomatSessionNotFoundException>(() => path switch
        {
            "result/" => h.Client.GetResultAsync("unknown"),
            "delete/" => h.Client.DeleteSessionAsync("unknown"),
            _ => h.Client.GetMediaAsync("unknown", MediaKind.Face),
        });

        Assert.That(ex!.ErrorCode, Is.EqualTo("SESSION_NOT_FOUND"));
        Assert.That(h.Requests(path), Has.Count.EqualTo(1), "an error string is an answer, not a transient failure");
    }

    [TestCase(MediaKind.CardFront, "result/card-front/", "image/jpeg")]
    [TestCase(MediaKind.CardBack, "result/card-back/", "image/jpeg")]
    [TestCase(MediaKind.Passport, "result/passport/", "image/png")]
    [TestCase(MediaKind.Face, "result/face/", "image/jpeg")]
    [TestCase(MediaKind.FaceVideo, "result/face-video/", "video/webm")]
    public async Task GetMedia_streams_the_bytes(MediaKind kind, string path, string contentType)
    {
        using var h = new ClientHarness();
        var bytes = Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7)).ToArray();
        h.Server.Answer(path, Response.Create().WithStatusCode(200).WithHeader("Content-Type", contentType).WithHeader("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).WithBody(bytes));

        using var media = await h.Client.GetMediaAsync(ClientHarness.Token, kind);
        using var copy = new MemoryStream();
        await media.Content.CopyToAsync(copy);

        Assert.That(media.IsAvailable, Is.True);
        Assert.That(media.ContentType, Is.EqualTo(contentType));
        Assert.That(media.Length, Is.Null.Or.EqualTo(bytes.Length), "WireMock streams chunked; the length is optional");
        Assert.That(copy.ToArray(), Is.EqualTo(bytes));
        Assert.That(media.Content, Is.Not.InstanceOf<MemoryStream>(), "streamed from the connection, not buffered");
        Assert.That(h.Requests(path).Single().RequestMessage!.Body, Does.Contain("\"session_token\":\"" + ClientHarness.Token + "\""));
    }

    [Test]
    public async Task GetMedia_absent_is_a_normal_outcome()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/passport/", Json("{\"argumentError\":\"passport image not found\"}"));

        using var media = await h.Client.GetMediaAsync(ClientHarness.Token, MediaKind.Passport);

        Assert.That(media.IsAvailable, Is.False);
        Assert.That(media.UnavailableReason, Is.EqualTo("passport image not found"));
        Assert.Throws<InvalidOperationException>(() => _ = media.Content);
    }

    [Test]
    public async Task DeleteSession_posts_the_token()
    {
        using var h = new ClientHarness();
        h.Server.Answer("delete/", Response.Create().WithStatusCode(200));

        await h.Client.DeleteSessionAsync(ClientHarness.Token);

        Assert.That(h.Requests("delete/").Single().RequestMessage!.Body, Does.Contain(ClientHarness.Token));
    }

    [Test]
    public void Blank_token_is_rejected_before_sending()
    {
        using var h = new ClientHarness();
        Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetResultAsync(" "));
        Assert.That(h.Server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Operations_log_one_line_and_emit_one_activity_each()
    {
        using var h = new ClientHarness();
        h.Server.Answer("result/", Json(ClientHarness.Fixture("result.empty-person")));

        await h.Client.GetResultAsync(ClientHarness.Token);

        var line = h.Logs.GetSnapshot().Single();
        Assert.That(line.Level, Is.EqualTo(Microsoft.Extensions.Logging.LogLevel.Debug), "a success is not news");
        Assert.That(line.Message, Does.StartWith("Identomat result succeeded with status 200 after 1 attempt(s)"));
        var activity = h.Activities.Single();
        Assert.That(activity.DisplayName, Is.EqualTo("Identomat result"));
        Assert.That(activity.GetTagItem("identomat.attempts"), Is.EqualTo(1));
        Assert.That(activity.GetTagItem("http.response.status_code"), Is.EqualTo(200));
        Assert.That(h.Measurements.Any(m => m.Instrument == "identomat.client.operation.duration"), Is.True);
    }

    [Test]
    public async Task One_client_serves_many_concurrent_callers_and_matches_each_answer_to_its_request()
    {
        using var h = new ClientHarness();
        var tokens = Enumerable.Range(0, 64).Select(i => $"token{i:D3}").ToArray();
        foreach (var token in tokens)
        {
            h.Server.Given(Post("result/").WithBody(new WireMock.Matchers.WildcardMatcher("*\"" + token + "\"*")))
                .RespondWith(Json($"{{\"result\":\"approved\",\"name\":\"{token}\"}}").WithDelay(TimeSpan.FromMilliseconds(1 + (token.GetHashCode() & 15))));
        }

        var results = await Task.WhenAll(tokens.Select(t => Task.Run(() => h.Client.GetResultAsync(t))));

        Assert.That(results.Select(r => r.Name), Is.EqualTo(tokens));
        Assert.That(h.Requests("result/"), Has.Count.EqualTo(tokens.Length));
    }

    [Test]
    public void A_token_that_is_not_printable_ASCII_is_refused_before_anything_is_sent()
    {
        using var h = new ClientHarness();
        foreach (var token in new[] { "zq81\uD800", "zq81\r\nX-Injected: 1", "zq81 en", "zq81\u00e9" })
        {
            var ex = Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetResultAsync(token))!;
            Assert.That(ex.Message, Does.StartWith("The session token is not a session token: it holds a character that is not printable ASCII."));
            Assert.That(ex.Message, Does.Not.Contain("zq81"));
            Assert.Throws<ArgumentException>(() => h.Client.GetWidgetUrl(token));
            Assert.ThrowsAsync<ArgumentException>(() => h.Client.GetMediaAsync(token, MediaKind.Face));
            Assert.ThrowsAsync<ArgumentException>(() => h.Client.DeleteSessionAsync(token));
        }

        Assert.That(h.Server.LogEntries, Is.Empty);
    }
}

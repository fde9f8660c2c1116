using System.Net;
using System.Text;
using System.Text.Json;
using Identomat.Sdk;
using Identomat.Sdk.Testing;

namespace Identomat.Sdk.Tests.Boundaries;

/// <summary>
/// Findings of the independent hostile review of issue 11 (the wire on the source-generated context), one test each.
/// </summary>
public class JsonReviewFindingsTests
{
    private const string Key = "cb_REVIEW_key_1";

    // Finding 1 (crash): a callback body of JSON null threw NullReferenceException from every overload.
    [Test]
    public async Task A_null_callback_body_is_malformed_from_every_overload()
    {
        var parser = new IdentomatCallbackParser([Key], "ck_dedup_secret");
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => parser.Parse("null"))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        Assert.That(Assert.Throws<IdentomatCallbackException>(() => parser.Parse("null"u8.ToArray()))!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        var ex = Assert.ThrowsAsync<IdentomatCallbackException>(() => parser.ParseAsync(new MemoryStream("null"u8.ToArray())));
        Assert.That(ex!.Error, Is.EqualTo(IdentomatCallbackError.Malformed));
        await Task.CompletedTask;
    }

    // Finding 2 (lost data): an unknown property named like the public AdditionalProperties was skipped at every level.
    [Test]
    public void An_unknown_property_named_AdditionalProperties_round_trips()
    {
        const string json = """{"steps":[{"type":"x","key":"k","AdditionalProperties":1},{"type":"liveness","flags":{"AdditionalProperties":[2]}}],"AdditionalProperties":3}""";
        Assert.That(SessionRequest.FromJson(json).ToJson(), Is.EqualTo(json));
    }

    // Finding 3 (sent what is refused): default open values and null list items validated clean and were written as null.
    [Test]
    public void Default_open_values_and_null_list_items_are_validation_errors()
    {
        var request = new SessionRequest
        {
            Flags = new SessionFlags { Language = default(LanguageCode) },
            Steps =
            [
                new IdentityDocumentStep { Key = "d", Flags = new IdentityDocumentFlags { DocumentTypes = [DocumentType.Id, default] } },
                new UserQuestionnaireStep { Key = "q", Title = new LocalizedText("en", "Q"), Questions = [new AttachmentQuestion { Key = "a", Title = new LocalizedText("en", "A"), Answer = ["f", null!] }] },
            ],
        };

        Assert.That(request.Validate().Select(e => e.Path), Is.EqualTo(new[] { "flags.language", "steps[0].flags.document_types[1]", "steps[1].questions[0].answer[1]" }));
        Assert.Throws<IdentomatValidationException>(() => request.ToJson());
    }

    // Finding 4 (wrong time): non-ISO dates were read by culture rules; a window shorter than the wire's millisecond
    // validated clean and was sent as an empty one.
    [TestCase("Jan 5 2024")]
    [TestCase("01/02/2024 3:00 PM")]
    [TestCase("2024-13-01")]
    public void Dates_that_are_not_ISO_8601_are_refused(string date)
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("{\"scheduleStartTime\":\"" + date + "\"}"));
        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("scheduleStartTime"));
    }

    [TestCase("2024-01-05", "2024-01-05T00:00:00.000Z")]
    [TestCase("2024-01-05T10:20Z", "2024-01-05T10:20:00.000Z")]
    [TestCase("2024-01-05T10:20:30+02:00", "2024-01-05T08:20:30.000Z")]
    [TestCase("2024-01-05T10:20:30.1234567Z", "2024-01-05T10:20:30.123Z")]
    public void ISO_8601_dates_are_read_and_written_in_UTC_to_the_millisecond(string date, string written) =>
        Assert.That(SessionRequest.FromJson("{\"scheduleStartTime\":\"" + date + "\"}").ToJson(), Is.EqualTo("{\"scheduleStartTime\":\"" + written + "\"}"));

    [Test]
    public void A_schedule_window_is_compared_as_the_wire_carries_it()
    {
        var request = SessionRequest.FromJson("""{"scheduleStartTime":"2024-01-01T00:00:00.0001Z","scheduleEndTime":"2024-01-01T00:00:00.0002Z"}""");
        Assert.That(request.Validate().Select(e => e.Path), Is.EqualTo(new[] { "scheduleEndTime" }));
    }

    // Finding 5 (corrupted credential): a begin answer holding a lone surrogate became the token "\uFFFD".
    [TestCase("\"\\ud800\"")]
    [TestCase("\"\\udc00abc\"")]
    [TestCase("\"tok\\u0000en\"")]
    [TestCase("\"tok en\"")]
    public void A_session_token_that_is_not_printable_ASCII_is_an_unexpected_answer(string answer)
    {
        using var client = new IdentomatClient(
            new HttpClient(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(answer)))),
            new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://stub.invalid/external-api/"), MaxRetries = 0 });
        var ex = Assert.ThrowsAsync<IdentomatApiException>(() => client.BeginSessionAsync(new SessionRequest()));
        Assert.That(ex!.Message, Does.Contain("session token"));
    }

    // Finding 6 (sent what is refused): read by an application's own JsonSerializer, a repeated unknown name was kept twice.
    [Test]
    public void A_repeated_unknown_name_read_by_an_applications_serializer_keeps_the_last_value_once()
    {
        var small = JsonSerializer.Deserialize<Dictionary<string, SessionRequest>>("""{"r":{"x":1,"y":0,"x":2}}""")!["r"];
        Assert.That(small.ToJson(), Is.EqualTo("""{"x":2,"y":0}"""));

        var large = new StringBuilder("{\"r\":{");
        for (var i = 0; i < 20; i++)
        {
            large.Append("\"p").Append(i).Append("\":").Append(i).Append(',');
        }

        var read = JsonSerializer.Deserialize<Dictionary<string, SessionRequest>>(large.Append("\"p3\":33}}").ToString())!["r"];
        Assert.That((read.AdditionalProperties!.Count, read.AdditionalProperties["p3"].GetInt32()), Is.EqualTo((20, 33)));
        Assert.DoesNotThrow(() => SessionRequest.FromJson(read.ToJson()));
    }

    // Finding 7 (fake server): lone surrogates threw out of its handler; invalid UTF-8 in a begin body was accepted.
    [Test]
    public async Task The_fake_answers_bad_text_with_400()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var http = new HttpClient(fake.CreateHandler());
        foreach (var (path, body) in new[]
        {
            ("result/", "{\"company_key\":\"\\ud800\"}"u8.ToArray()),
            ("result/face/", Encoding.UTF8.GetBytes("{\"company_key\":\"" + fake.CompanyKey + "\",\"session_token\":\"\\udc00\"}")),
            ("begin/", Encoding.UTF8.GetBytes("{\"company_key\":\"" + fake.CompanyKey + "\",\"name\":\"a").Concat(new byte[] { 0xFF }).Concat("\"}"u8.ToArray()).ToArray()),
        })
        {
            using var answer = await http.PostAsync(new Uri(fake.BaseAddress, path), new ByteArrayContent(body));
            Assert.That((int)answer.StatusCode, Is.EqualTo(400), path);
        }

        Assert.That(fake.CallCount(FakeOperation.Begin), Is.EqualTo(1));
    }

    // Finding 8 (leak): the parser's exception kept as InnerException quoted a character of the input.
    [Test]
    public void A_malformed_flow_keeps_no_input_text_in_its_exception()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"name":SECRET}"""));
        Assert.That(ex!.ToString(), Does.Not.Contain("'S'").And.Not.Contain("SECRET"));
    }

    // Finding 9 (ambiguous path): a language code with a dot was printed as two path steps.
    [Test]
    public void A_name_that_is_not_a_plain_word_is_bracketed_in_the_path()
    {
        var ex = Assert.Throws<IdentomatValidationException>(() => SessionRequest.FromJson("""{"steps":[{"type":"user-questionnaire","key":"q","title":{"a.b":1}}]}"""));
        Assert.That(ex!.Errors.Single().Path, Is.EqualTo("steps[0].title['a.b']"));
    }

    // Finding 10: an undefined raw value threw InvalidOperationException; argumentError null read as the text "null".
    [Test]
    public void An_undefined_raw_value_is_an_argument_error() =>
        Assert.Throws<ArgumentException>(() => _ = new SessionRequest { AdditionalProperties = new Dictionary<string, JsonElement> { ["x"] = default } });

    [Test]
    public async Task An_argumentError_of_null_has_no_reason()
    {
        using var client = new IdentomatClient(
            new HttpClient(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "{\"argumentError\":null}"u8.ToArray()))),
            new IdentomatClientOptions { CompanyKey = "ck", BaseAddress = new Uri("https://stub.invalid/external-api/"), MaxRetries = 0 });
        using var media = await client.GetMediaAsync("tok", MediaKind.Face);
        Assert.That((media.IsAvailable, media.UnavailableReason), Is.EqualTo((false, (string?)null)));
    }
}

#pragma warning disable CA2022, CA2016, CA1849
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Identomat.Sdk;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Tests.Boundaries;
using Identomat.Sdk.Tests.FirstHour;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Identomat.Sdk.Tests.Results;

/// <summary>Results: read leniently, compared by value, round-tripped by an application's own serializer, printed without server control text.</summary>
public class VerificationResultTests
{
    // VerificationResult.FromJson documents "values of the wrong kind ... read as null", but a
    // string property that receives a number or an object (configId: 12345, name: {...}, person.first_name: 5) fails
    // the whole result, from FromJson and from GetResultAsync alike: one cosmetic field makes an approved KYC result
    // unreadable.
    [TestCase("{\"result\":\"approved\",\"configId\":12345}")]
    [TestCase("{\"result\":\"approved\",\"name\":{\"first\":\"Nino\"}}")]
    [TestCase("{\"result\":\"approved\",\"person\":{\"first_name\":5}}")]
    public async Task A_string_field_of_the_wrong_kind_reads_as_null_not_as_an_unreadable_result(string json)
    {
        var handler = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, Encoding.UTF8.GetBytes(json)));
        using var client = handler.Client();

        var fromClient = await client.GetResultAsync(Hostile.Token);
        var fromJson = VerificationResult.FromJson(json);

        Assert.That(fromClient.Status?.Value, Is.EqualTo("approved"));
        Assert.That(fromJson.Status?.Value, Is.EqualTo("approved"));
        Assert.That((fromClient.ConfigId, fromClient.Name, fromClient.Person?.FirstName), Is.EqualTo(((string?)null, (string?)null, (string?)null)));
    }

    // The results' ToString() prints server text raw: the status, reject reason
    // value, a screening match's review status, questionnaire and question keys. CR/LF and U+202E from the server
    // reach every log line an integrator writes with "{result}" (FlowWarnings already sanitizes its type names).
    [Test]
    public void Result_ToString_prints_no_line_breaks_or_bidi_from_the_server()
    {
        var result = VerificationResult.FromJson(
            "{\"result\":\"approved\\r\\n2026-01-01 INFO forged line\\u202E\",\"reject_reason\":{\"value\":\"x\\ny\"},\"screeningMatches\":[{\"reviewStatus\":\"a\\nb\"}]}");

        foreach (var text in new[] { result.ToString(), result.RejectReason!.ToString(), result.ScreeningMatches![0].ToString() })
        {
            Assert.That(text.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format), Is.False, text);
        }
    }

    [Test]
    public async Task Results_compare_by_value_whether_read_from_the_server_or_built_in_code()
    {
        using var fake = IdentomatFakeServer.StartInProcess();
        using var client = fake.CreateClient();
        var token = fake.AddSession(FakeResults.Approved());

        var read = await client.GetResultAsync(token);

        Assert.That(read, Is.EqualTo(FakeResults.Approved()));
        const string json = """{"result":"manual_check","questionnaires":[{"key":"q","questions":[{"key":"a","answer":["x"]}]}],"extra":{"b":1,"a":2}}""";
        Assert.That(VerificationResult.FromJson(json), Is.EqualTo(VerificationResult.FromJson(json.Replace("{\"b\":1,\"a\":2}", "{\"a\":2,\"b\":1}", StringComparison.Ordinal))));
        Assert.That(VerificationResult.FromJson(json), Is.Not.EqualTo(VerificationResult.FromJson(json.Replace("\"b\":1", "\"b\":3", StringComparison.Ordinal))));
    }

    [Test]
    public void An_apps_own_source_generated_context_round_trips_results_and_sessions()
    {
        var result = VerificationResult.FromJson(File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "result.approved-with-proof-of-address.json")));
        var session = new IdentomatSession("tok", new Uri("https://widget.identomat.com/?session_token=tok"), DateTimeOffset.UnixEpoch);

        var json = JsonSerializer.Serialize(result, AppJsonContext.Default.VerificationResult);
        var back = JsonSerializer.Deserialize(json, AppJsonContext.Default.VerificationResult)!;

        Assert.That(back.ToJson(), Is.EqualTo(result.ToJson()));
        Assert.That(JsonSerializer.Deserialize(JsonSerializer.Serialize(session, AppJsonContext.Default.IdentomatSession), AppJsonContext.Default.IdentomatSession)!.Token, Is.EqualTo("tok"));
    }
}

using Identomat.Sdk;
using Identomat.Sdk.Tests.Client;
using WireMock.ResponseBuilders;
using WireMock.Settings;
using static Identomat.Sdk.Tests.Client.Stubs;

namespace Identomat.Sdk.Tests.Faults;

/// <summary>
/// Runs every row of the fault matrix, and the happy paths, with signing on and logging, tracing and metrics captured;
/// then scans everything captured, every exception's ToString() and every object's ToString() for the credentials
/// and for the fixtures' personal data.
/// </summary>
public class SecretsAndPersonalDataTests
{
    private static readonly string[] Forbidden =
    [
        ClientHarness.CompanyKey, ClientHarness.SecretKey, ClientHarness.Token, "cb_key_5d2e9a",
        "NINO", "BERIDZE", "ნინო", "01024058812", "15ID84213", "nino.beridze@example.ge", "+995599123456", "203.0.113.7", "RUSTAVELI", "Rustaveli",
    ];

    [Test]
    public async Task Nothing_captured_contains_a_secret_or_personal_data()
    {
        var seen = new List<string>();
        var approved = ClientHarness.Fixture("result.approved-with-proof-of-address");
        var echoKey = "{\"error\":\"bad request for company_key " + ClientHarness.CompanyKey + "\"}";

        var scenarios = new (string Path, Func<IResponseBuilder> Response)[]
        {
            ("result/", () => Json(approved).WithHeader("Authorization", ClientHarness.Sign(approved))),
            ("result/", () => Json(approved).WithHeader("Authorization", "signature=\"AAAA\"")),
            ("result/", () => Json(approved, 500)),
            ("result/", () => Json(echoKey, 400)),
            ("result/", () => Json(approved, 429).WithHeader("Retry-After", "3600")),
            ("result/", () => Json(approved.Substring(0, 400))),
            ("result/", () => Response.Create().WithFault(FaultType.EMPTY_RESPONSE)),
            ("result/", () => Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithBody("<html>" + approved + "</html>")),
            ("result/", () => Json("\"SESSION_NOT_FOUND\"")),
            ("result/", () => Json("{}").WithDelay(TimeSpan.FromMilliseconds(400))),
            ("begin/", () => Json("\"" + ClientHarness.Token + "\"").WithHeader("Authorization", ClientHarness.Sign("\"" + ClientHarness.Token + "\""))),
            ("begin/", () => Json("\"COMPANY_KEY_INVALID\"")),
            ("begin/", () => Json(echoKey, 503)),
            ("result/face/", () => Json("{\"argumentError\":\"face of NINO BERIDZE missing\"}").WithHeader("Authorization", ClientHarness.Sign("{\"argumentError\":\"face of NINO BERIDZE missing\"}"))),
            ("delete/", () => Json("\"SESSION_NOT_FOUND\"", 404)),
        };

        foreach (var (path, response) in scenarios)
        {
            using var h = new ClientHarness(o => { o.SecretKey = ClientHarness.SecretKey; o.AttemptTimeout = TimeSpan.FromMilliseconds(200); });
            h.Server.Answer(path, response());
            try
            {
                object? value = path switch
                {
                    "begin/" => await h.Client.BeginSessionAsync(new SessionBuilder().AddLiveness().Named("NINO BERIDZE").ForClientUser("nino.beridze@example.ge").Build()),
                    "result/" => await h.Client.GetResultAsync(ClientHarness.Token),
                    "delete/" => await Delete(h.Client),
                    _ => await h.Client.GetMediaAsync(ClientHarness.Token, MediaKind.Face),
                };
                seen.Add(value?.ToString() ?? string.Empty);
                if (value is VerificationResult result)
                {
                    seen.Add(result.Person!.ToString());
                    seen.Add(result.TechnicalDetails!.ToString());
                    seen.AddRange(result.GeneralDocuments!.SelectMany(d => d.Pages!.Select(p => p.Final!.ToString())));
                }
            }
            catch (IdentomatException ex)
            {
                seen.Add(ex.ToString());
                if (ex is IdentomatApiException { ResponseBodyExcerpt: { } excerpt })
                {
                    Assert.That(excerpt, Does.Not.Contain(ClientHarness.CompanyKey), "excerpts are redacted");
                }
            }

            seen.Add(h.CapturedTelemetry());
            seen.Add(h.Options.ToString());
            seen.Add(h.Client.ToString());
        }

        var callbacks = new IdentomatCallbackParser(["cb_key_5d2e9a"], "ck_dedup_secret");
        seen.Add(callbacks.ToString());
        seen.Add(Assert.Throws<IdentomatCallbackException>(() => callbacks.Parse("{\"callbackApiKey\":\"cb_key_5d2e9\"}"))!.ToString());
        seen.Add(callbacks.Parse("{\"callbackApiKey\":\"cb_key_5d2e9a\",\"type\":\"one-time-password-request\",\"phoneNumber\":\"+995599123456\"}").ToString());

        var everything = string.Join("\n", seen);
        Assert.That(everything, Does.Contain("Identomat result"), "the scan saw the captured telemetry");
        Assert.That(everything, Does.Contain("IdentomatSignatureException").And.Contain("IdentomatRateLimitException").And.Contain("IdentomatTimeoutException"));
        foreach (var forbidden in Forbidden)
        {
            Assert.That(everything, Does.Not.Contain(forbidden), $"'{forbidden}' leaked");
        }
    }

    private static async Task<object?> Delete(IdentomatClient client)
    {
        await client.DeleteSessionAsync(ClientHarness.Token);
        return null;
    }
}

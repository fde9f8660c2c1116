using Identomat.Sdk.Samples.Quickstart;
using Identomat.Sdk.Testing;
using Identomat.Sdk.Testing.WireMock;

namespace Identomat.Sdk.Tests.Samples;

/// <summary>The README's main job, run through its entry point.</summary>
public class QuickstartTests
{
    [Test]
    public async Task Runs_a_complete_round_trip_against_the_embedded_fake_by_default()
    {
        using var output = new StringWriter();

        var exit = await QuickstartApp.RunAsync(output, _ => null, CancellationToken.None);

        var text = output.ToString();
        Assert.That(exit, Is.EqualTo(0), text);
        Assert.That(text, Does.Contain("Send the user to: https://identomat.fake/widget/?session_token="));
        Assert.That(text, Does.Contain("Result: approved"));
        Assert.That(text, Does.Contain("about_you.income: salary, dividends"));
        Assert.That(text, Does.Contain("media Face: 6 bytes of image/jpeg").And.Contain("media Passport: not available"));
        Assert.That(text, Does.Contain("Session data deleted."));
    }

    [Test]
    public async Task With_a_company_key_it_talks_to_the_configured_service_and_polls_for_the_result()
    {
        using var host = IdentomatWireMockServer.Start(new() { CompanyKey = "ck_real" });
        var service = host.Fake;
        var environment = new Dictionary<string, string?>
        {
            ["IDENTOMAT_COMPANY_KEY"] = "ck_real",
            ["IDENTOMAT_BASE_ADDRESS"] = host.BaseAddress.ToString(),
            ["IDENTOMAT_POLL_SECONDS"] = "1",
        };
        using var output = new StringWriter();
        var run = QuickstartApp.RunAsync(output, name => environment.GetValueOrDefault(name), CancellationToken.None);
        while (service.SessionTokens.Count == 0 && !run.IsCompleted)
        {
            await Task.Delay(20);
        }

        service.CompleteSession(service.SessionTokens.Single(), FakeResults.Rejected());
        var exit = await run;

        Assert.That(exit, Is.EqualTo(0), output.ToString());
        Assert.That(output.ToString(), Does.Contain("Open this URL on a device with a camera: https://widget.identomat.com/?session_token="));
        Assert.That(output.ToString(), Does.Contain("Result: rejected").And.Contain("rejected: face_mismatch"));
        Assert.That(service.ReceivedSessions.Single().Flags!.ReturnUrl, Is.Null, "the real-service run is meant for a device, not a redirect");
    }

    [Test]
    public async Task A_refused_key_exits_non_zero_with_a_clear_message()
    {
        using var host = IdentomatWireMockServer.Start(new() { CompanyKey = "ck_real" });
        var service = host.Fake;
        using var output = new StringWriter();

        var exit = await QuickstartApp.RunAsync(output, name => name switch { "IDENTOMAT_COMPANY_KEY" => "ck_wrong", "IDENTOMAT_BASE_ADDRESS" => host.BaseAddress.ToString(), _ => null }, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(1));
        Assert.That(output.ToString(), Does.StartWith("Identomat failed (IdentomatAuthenticationException)").And.Contain("COMPANY_KEY_INVALID"));
        Assert.That(output.ToString(), Does.Not.Contain("ck_wrong"));
    }

    [Test]
    public async Task A_plain_http_address_is_refused_as_invalid_settings()
    {
        using var output = new StringWriter();

        var exit = await QuickstartApp.RunAsync(output, name => name switch { "IDENTOMAT_COMPANY_KEY" => "ck", "IDENTOMAT_BASE_ADDRESS" => "http://example.com/api/", _ => null }, CancellationToken.None);

        Assert.That(exit, Is.EqualTo(2));
        Assert.That(output.ToString(), Does.Contain("BaseAddress must use HTTPS"));
    }
}

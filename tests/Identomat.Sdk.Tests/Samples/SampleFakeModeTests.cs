extern alias AspNetCoreSample;

using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SampleApp = AspNetCoreSample::Program;

namespace Identomat.Sdk.Tests.Samples;

/// <summary>
/// The sample's offline mode: IdentomatFake:Enabled (set for Development) plugs in the fake and its widget, is refused
/// in Production naming the setting, and without it a missing company key stays the start-up error.
/// </summary>
public class SampleFakeModeTests
{
    private static WebApplicationFactory<SampleApp> App(string environment, string? fakeEnabled, string database) =>
        new WebApplicationFactory<SampleApp>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment).UseSetting("ConnectionStrings:Verifications", $"Data Source={database};Pooling=false");
            if (fakeEnabled is not null)
            {
                web.UseSetting("IdentomatFake:Enabled", fakeEnabled);
            }
        });

    private static string Database() => Path.Combine(Path.GetTempPath(), $"identomat-sample-{Guid.NewGuid():N}.db");

    [Test]
    public void The_fake_in_Production_stops_start_up_naming_the_setting()
    {
        var database = Database();
        using var app = App("Production", "true", database);

        var ex = Assert.Throws<InvalidOperationException>(() => app.CreateClient());

        Assert.That(ex!.Message, Does.StartWith("IdentomatFake:Enabled is true in the Production environment"));
        File.Delete(database);
    }

    [Test]
    public async Task In_Development_the_sample_runs_against_the_fake_and_its_widget_with_no_account()
    {
        var database = Database();
        using (var app = App("Development", fakeEnabled: null, database))
        {
            using var http = app.CreateClient();
            var fake = app.Services.GetRequiredService<IdentomatFakeServer>();
            var client = app.Services.GetRequiredService<IIdentomatClient>();

            var session = await client.BeginSessionAsync(new SessionBuilder().AddLiveness().Build());

            Assert.That(session.WidgetUrl.Host, Is.EqualTo("127.0.0.1"), "the widget is served where a browser reaches it");
            Assert.That(fake.SessionTokens, Does.Contain(session.Token));
            using var widget = new HttpClient();
            Assert.That(await widget.GetStringAsync(session.WidgetUrl), Does.Contain("FAKE Identomat widget"));
        }

        File.Delete(database);
    }

    [Test]
    public void Without_the_fake_a_missing_company_key_stays_the_start_up_error()
    {
        var database = Database();
        using var app = App("Development", "false", database);

        var ex = Assert.Catch(() => app.CreateClient().Dispose());

        Assert.That(ex!.ToString(), Does.Contain("CompanyKey"));
        File.Delete(database);
    }
}

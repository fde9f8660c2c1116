extern alias AspNetCoreSample;

using System.Net;
using System.Text;
using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SampleApp = AspNetCoreSample::Program;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>
/// The ASP.NET Core sample on PostgreSQL by one setting (<c>ConnectionStrings:VerificationsPostgreSql</c>): it applies
/// its PostgreSQL migrations to an empty database at start, and its callback inbox stores there.
/// </summary>
[NonParallelizable]
public sealed class SampleOnPostgreSqlTests
{
    [Test]
    public async Task One_connection_string_runs_the_sample_on_PostgreSQL_from_an_empty_database()
    {
        using var database = new TestDatabase(Engine.PostgreSql, createSchema: false);
        using var fake = IdentomatFakeServer.StartInProcess();
        await using var factory = new WebApplicationFactory<SampleApp>().WithWebHostBuilder(web => web
            .UseSetting("IdentomatFake:Enabled", "false")
            .UseSetting("ConnectionStrings:VerificationsPostgreSql", database.ConnectionString)
            .ConfigureTestServices(services => services.UseIdentomatFake(fake)));
        using var client = factory.CreateClient();

        var body = fake.CreateCallbackBody("one-time-password-request", "session-pg", new Dictionary<string, string> { ["phoneNumber"] = "+1", ["text"] = "code" });
        for (var i = 0; i < 2; i++)
        {
            using var response = await client.PostAsync(new Uri("/identomat/callback", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        using (var health = await client.GetAsync(new Uri("/health", UriKind.Relative)))
        {
            Assert.That(await health.Content.ReadAsStringAsync(), Is.EqualTo("Healthy"));
        }

        await using var context = database.CreateContext();
        Assert.That(await context.Database.SqlQueryRaw<string>("SELECT \"MigrationId\" AS \"Value\" FROM \"__EFMigrationsHistory\"").ToListAsync(), Has.One.EndsWith("_InitialLifecycle"));
        Assert.That(await context.Set<IdentomatInboxMessage>().CountAsync(m => m.SessionId == "session-pg"), Is.EqualTo(1));
    }
}

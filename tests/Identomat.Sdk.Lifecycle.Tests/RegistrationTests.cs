using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>A mistake in the lifecycle's registration or settings fails the start and names itself; nothing waits for the first callback.</summary>
[NonParallelizable]
public sealed class RegistrationTests() : LifecycleFixture(Engine.Sqlite)
{
    private static IEnumerable<TestCaseData> Mistakes()
    {
        TestCaseData Case(string says, Action<IdentomatLifecycleOptions>? configure = null, Action<IdentomatLifecycleBuilder>? lifecycle = null, bool engine = true) =>
            new TestCaseData(says, configure, lifecycle, engine).SetArgDisplayNames(says);
        yield return Case("UseSqlite() (Identomat.Sdk.Lifecycle.Sqlite) or UsePostgreSql()", engine: false);
        yield return Case("The account 'typo' is not registered", lifecycle: l => l.ForAccounts("typo"));
        yield return Case("InboxPollInterval and SweepInterval must be at most a day", o => o.InboxPollInterval = TimeSpan.FromDays(30));
        yield return Case("InboxPollInterval and SweepInterval must be at most a day", o => o.SweepInterval = TimeSpan.FromDays(60));
        yield return Case("HandlingClaim must be positive", o => o.HandlingClaim = TimeSpan.FromSeconds(-1));
        yield return Case("HandlingClaim must be positive", o => o.HandlingClaim = TimeSpan.MaxValue);
        yield return Case("RetentionPeriod must be positive and no shorter than MinimumRetention", o => (o.RetentionPeriod, o.MinimumRetention) = (TimeSpan.FromDays(1), TimeSpan.FromDays(2)));
        yield return Case("InstanceName must be 1 to 100 characters", o => o.InstanceName = null!);
        yield return Case("InstanceName must be 1 to 100 characters", o => o.InstanceName = new string('i', 101));
        yield return Case("HandlingConcurrency must be between 1 and 64", o => o.HandlingConcurrency = 0);
    }

    [TestCaseSource(nameof(Mistakes))]
    public async Task A_mistake_fails_the_start_naming_it(string says, Action<IdentomatLifecycleOptions>? configure, Action<IdentomatLifecycleBuilder>? lifecycle, bool engine)
    {
        var failure = Assert.CatchAsync(() => LifecycleApp.BuildAsync(
            Database, s => s.AddIdentomat(o => o.CallbackApiKeys = [Fake.CallbackApiKey]).UseIdentomatFake(Fake), configure, lifecycle, engine: engine, runBackground: true));

        Assert.That(failure, Is.InstanceOf<Microsoft.Extensions.Options.OptionsValidationException>());
        Assert.That(failure!.Message, Does.Contain(says));
    }

    [Test]
    public void The_lifecycle_is_registered_once() =>
        Assert.That(
            () => new ServiceCollection().AddIdentomatLifecycle<AppDbContext>().Services.AddIdentomatLifecycle<AppDbContext>(),
            Throws.InvalidOperationException.With.Message.EqualTo("AddIdentomatLifecycle is called once per application."));

    [TestCase("RetentionPeriode", "30.00:00:00", "RetentionPeriode")]
    [TestCase("SweepConcurrency", "many", "SweepConcurrency")]
    [TestCase("RetentionPeriod", "-1.00:00:00", "RetentionPeriod")]
    [TestCase("LeaseDuration", "10675199.02:48:05.4775807", "LeaseDuration")]
    public void A_setting_from_configuration_that_is_misspelt_or_out_of_range_fails_the_start_naming_it(string key, string value, string says)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddDbContext<AppDbContext>(Database.Configure);
        builder.Services.AddIdentomat(o => o.CallbackApiKeys = [Fake.CallbackApiKey]).UseIdentomatFake(Fake);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        builder.Services.AddIdentomatLifecycle<AppDbContext>(configuration).UseSqlite();
        builder.Services.RemoveAll<IHostedService>();
        using var app = builder.Build();

        var failure = Assert.Catch(() => app.StartAsync().GetAwaiter().GetResult());

        Assert.That(failure!.ToString(), Does.Contain(says));
    }

    [Test]
    public void No_public_type_prints_what_it_holds()
    {
        Assert.That(new IdentomatVerification { UserId = "secret-user", SessionToken = "tok-secret", ResultJson = "{\"name\":\"NINO\"}" }.ToString(), Does.Not.Contain("secret").And.Not.Contain("NINO"));
        Assert.That(new IdentomatInboxMessage { Payload = "{\"phoneNumber\":\"+995\"}" }.ToString(), Does.Not.Contain("+995"));
        Assert.That(new IdentomatErasure(1, 2, ErasureRule.MinimumRetention, DateTime.UnixEpoch).ToString(), Does.Contain("Erased = 1"));
    }
}

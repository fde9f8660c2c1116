using Identomat.Sdk.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Identomat.Sdk.Lifecycle.Tests;

/// <summary>Like LifecycleApp, but with a hook on the services (several accounts, no engine, ...).</summary>
public static class CustomLifecycleApp
{
    public static async Task<WebApplication> BuildAsync(
        TestDatabase database,
        Action<IServiceCollection> identomat,
        Action<IdentomatLifecycleOptions>? configure = null,
        Action<IdentomatLifecycleBuilder>? lifecycle = null,
        string instance = "custom",
        bool runBackground = false,
        bool engine = true,
        bool start = true)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddFakeLogging();
        builder.Services.AddDbContext<AppDbContext>(database.Configure);
        identomat(builder.Services);
        var registration = builder.Services.AddIdentomatLifecycle<AppDbContext>(options =>
        {
            options.InstanceName = instance;
            options.InboxPollInterval = TimeSpan.FromMilliseconds(50);
            options.RetryDelay = TimeSpan.FromMilliseconds(50);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(200);
            options.SweepInterval = TimeSpan.FromMilliseconds(100);
            options.EnableSweeper = runBackground;
            configure?.Invoke(options);
        });
        if (engine)
        {
            _ = database.Engine == Engine.Sqlite ? registration.UseSqlite() : registration.UsePostgreSql();
        }

        lifecycle?.Invoke(registration);
        if (!runBackground)
        {
            builder.Services.RemoveAll<IHostedService>();
        }

        var app = builder.Build();
        app.MapIdentomatCallbackInbox();
        if (start)
        {
            await app.StartAsync();
        }

        return app;
    }
}

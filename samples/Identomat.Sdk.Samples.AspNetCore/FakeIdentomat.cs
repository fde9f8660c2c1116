using Identomat.Sdk.Testing;

/// <summary>With the fake only: shows the fake's one-time passwords on the console, so a developer can type them.</summary>
internal sealed class FakeSmsSender(ILogger<FakeSmsSender> log) : ISmsSender
{
    public Task SendAsync(string phoneNumber, string text, CancellationToken cancellationToken)
    {
        log.LogWarning("FAKE SMS to {PhoneNumber}: {Text}", phoneNumber, text);
        return Task.CompletedTask;
    }
}

/// <summary>
/// Develop without an account: with <c>IdentomatFake:Enabled</c> (set in appsettings.Development.json and the launch
/// profile), the app talks to the fake Identomat server of Identomat.Sdk.Testing, whose widget opens in the browser and
/// whose one-time-password callbacks reach this app's callback endpoint. Refused in the Production environment: a fake
/// approves whoever asks.
/// </summary>
internal static class FakeIdentomat
{
    public const string Setting = "IdentomatFake:Enabled";

    public static IdentomatFakeServer? UseIfEnabled(WebApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(Setting))
        {
            return null;
        }

        if (builder.Environment.IsProduction())
        {
            throw new InvalidOperationException(
                $"{Setting} is true in the Production environment: the fake Identomat server approves whoever asks. Remove the setting (it belongs in appsettings.Development.json only).");
        }

        var fake = IdentomatFakeServer.StartInProcess();
        fake.ServeWidget();
        builder.Services.UseIdentomatFake(fake);
        builder.Services.AddSingleton(fake);
        return fake;
    }

    /// <summary>Once the app listens, the fake's callbacks go to its callback endpoint.</summary>
    public static void SendCallbacksTo(WebApplication app, IdentomatFakeServer? fake, string path)
    {
        if (fake is null)
        {
            return;
        }

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Urls.Select(u => new Uri(u.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)))
                .OrderBy(u => u.Scheme == "http" ? 0 : 1)
                .FirstOrDefault();
            if (address is not null && fake.CallbackUrl is null)
            {
                fake.CallbackUrl = new Uri(address, path);
            }

            app.Logger.LogWarning("FAKE Identomat: sessions open the fake widget at {Widget}; nothing is verified.", fake.WidgetBaseAddress);
        });
    }
}

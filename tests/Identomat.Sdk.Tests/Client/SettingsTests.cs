using System.Reflection;
using System.Xml.Linq;
using Identomat.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Identomat.Sdk.Tests.Client;

/// <summary>
/// Every setting is a setting like the others: named in the configuration binder's list, bound from configuration,
/// validated, printed by <c>ToString</c> (masked where secret), documented with its default, and applied when the
/// configuration reloads. A setting added later fails these tests until it is all of that.
/// </summary>
public class SettingsTests
{
    /// <summary>A value other than the default for every setting: its configuration text and what it binds to.</summary>
    private static readonly Dictionary<string, (string Text, object Expected)> Changed = new()
    {
        ["CompanyKey"] = ("ck-after", "ck-after"),
        ["SecretKey"] = ("sk-after", "sk-after"),
        ["PreviousSecretKey"] = ("sk-before", "sk-before"),
        ["CallbackApiKeys"] = ("cb-after", new List<string> { "cb-after" }),
        ["BaseAddress"] = ("https://api2.example/external-api/", new Uri("https://api2.example/external-api/")),
        ["WidgetBaseAddress"] = ("https://w2.example/", new Uri("https://w2.example/")),
        ["AttemptTimeout"] = ("00:00:07", TimeSpan.FromSeconds(7)),
        ["TotalTimeout"] = ("00:01:00", TimeSpan.FromMinutes(1)),
        ["MediaReadTimeout"] = ("00:00:09", TimeSpan.FromSeconds(9)),
        ["MaxRetries"] = ("5", 5),
        ["RetryBaseDelay"] = ("00:00:00.200", TimeSpan.FromMilliseconds(200)),
        ["MaxRetryAfter"] = ("00:00:11", TimeSpan.FromSeconds(11)),
        ["RetryBeginSessionAfterSend"] = ("true", true),
        ["MaxMediaBytes"] = ("2048", 2048L),
        ["PropagateTraceContext"] = ("true", true),
        ["AccountName"] = ("eu-1", "eu-1"),
    };

    /// <summary>A value out of range for every setting that has a range.</summary>
    private static readonly Dictionary<string, object> OutOfRange = new()
    {
        ["BaseAddress"] = new Uri("http://api.example/"),
        ["WidgetBaseAddress"] = new Uri("/relative", UriKind.Relative),
        ["AttemptTimeout"] = TimeSpan.FromMilliseconds(1),
        ["TotalTimeout"] = TimeSpan.FromDays(2),
        ["MediaReadTimeout"] = TimeSpan.Zero,
        ["MaxRetries"] = 11,
        ["RetryBaseDelay"] = TimeSpan.FromMinutes(2),
        ["MaxRetryAfter"] = TimeSpan.FromSeconds(-1),
        ["MaxMediaBytes"] = 1023L,
        ["AccountName"] = " ",
    };

    private static IEnumerable<PropertyInfo> Settings() =>
        typeof(IdentomatClientOptions).GetProperties().Where(p => p.CanWrite);

    [Test]
    public void Every_setting_is_named_for_configuration_and_covered_here()
    {
        Assert.That(IdentomatClientOptions.SettingNames, Is.EquivalentTo(Settings().Select(p => p.Name)));
        Assert.That(Changed.Keys, Is.EquivalentTo(Settings().Select(p => p.Name)), "each setting has a changed value in this test");
    }

    [Test]
    public void Every_setting_is_printed_and_no_secret_is()
    {
        var options = new IdentomatClientOptions();
        foreach (var (name, (_, value)) in Changed)
        {
            typeof(IdentomatClientOptions).GetProperty(name)!.SetValue(options, value);
        }

        var text = options.ToString();

        foreach (var setting in Settings())
        {
            Assert.That(text, Does.Contain(setting.Name + " = "), setting.Name);
        }

        Assert.That(text, Does.Not.Contain("ck-after").And.Not.Contain("sk-after").And.Not.Contain("sk-before").And.Not.Contain("cb-after"));
    }

    [Test]
    public void Every_setting_documents_its_default()
    {
        var docs = XDocument.Load(Path.ChangeExtension(typeof(IdentomatClientOptions).Assembly.Location, ".xml"));
        foreach (var setting in Settings().Where(p => p.Name != nameof(IdentomatClientOptions.CompanyKey)))
        {
            var member = docs.Descendants("member").Single(m => (string?)m.Attribute("name") == $"P:Identomat.Sdk.IdentomatClientOptions.{setting.Name}");
            Assert.That(member.Element("value")?.Value.Trim(), Does.StartWith("Default:"), setting.Name);
        }
    }

    [Test]
    public void Every_setting_with_a_range_is_validated_by_name()
    {
        foreach (var (name, value) in OutOfRange)
        {
            var options = new IdentomatClientOptions { CompanyKey = "ck" };
            typeof(IdentomatClientOptions).GetProperty(name)!.SetValue(options, value);

            Assert.That(options.Validate(), Has.Some.StartsWith(name), name);
        }
    }

    [Test]
    public void Every_setting_binds_and_reloads_into_the_running_client_and_parser()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Identomat:CompanyKey"] = "ck-before",
            ["Identomat:CallbackApiKeys:0"] = "cb-before",
        }).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomat"));
        using var provider = services.BuildServiceProvider();
        var client = (IdentomatClient)provider.GetRequiredService<IIdentomatClient>();
        var parser = provider.GetRequiredService<IdentomatCallbackParser>();
        var callback = "{\"callbackApiKey\":\"KEY\",\"type\":\"one-time-password-request\",\"sessionId\":\"s\",\"text\":\"1\"}";
        var keyBefore = parser.Parse(callback.Replace("KEY", "cb-before", StringComparison.Ordinal)).DeduplicationKey;

        configuration["Identomat:CallbackApiKeys:0"] = null;
        foreach (var (name, (text, _)) in Changed)
        {
            configuration[name == "CallbackApiKeys" ? "Identomat:CallbackApiKeys:0" : "Identomat:" + name] = text;
        }

        configuration.Reload();

        var current = client.CurrentOptions!;
        foreach (var (name, (_, expected)) in Changed)
        {
            var actual = typeof(IdentomatClientOptions).GetProperty(name)!.GetValue(current);
            Assert.That(actual, Is.EqualTo(expected), name);
        }

        Assert.That(provider.GetRequiredService<IIdentomatClient>(), Is.SameAs(client));
        Assert.That(provider.GetRequiredService<IdentomatCallbackParser>(), Is.SameAs(parser));
        Assert.That(() => parser.Parse(callback.Replace("KEY", "cb-before", StringComparison.Ordinal)), Throws.TypeOf<IdentomatCallbackException>(), "the old callback key is gone");
        var after = parser.Parse(callback.Replace("KEY", "cb-after", StringComparison.Ordinal));
        Assert.That(after.DeduplicationKey, Is.Not.EqualTo(keyBefore), "the de-duplication secret (the company key) changed too");
        Assert.That(after.DeduplicationKey, Is.EqualTo(new IdentomatCallbackParser(["x"], "ck-after").Parse(callback.Replace("KEY", "x", StringComparison.Ordinal)).DeduplicationKey));
    }

    [Test]
    public void A_misspelled_section_is_named_when_the_company_key_is_missing()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Identomat:CompanyKey"] = "ck" }).Build();
        var services = new ServiceCollection();
        services.AddIdentomat(configuration.GetSection("Identomt"));
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(ex!.Message, Does.Contain("CompanyKey is required").And.Contain("bound from configuration section 'Identomt', which is missing or empty"));
    }

    [Test]
    public void A_bare_number_timeout_hints_that_it_was_read_as_days()
    {
        var options = new IdentomatClientOptions { CompanyKey = "ck", AttemptTimeout = TimeSpan.FromDays(200), TotalTimeout = TimeSpan.FromDays(200) };

        Assert.That(options.Validate(), Has.Some.Contains("a bare number is read as days"));
    }

    [TestCase("CompanyKey")]
    [TestCase("SecretKey")]
    [TestCase("PreviousSecretKey")]
    [TestCase("CallbackApiKeys")]
    public void A_key_holding_a_lone_surrogate_is_refused_by_name_and_never_shown(string setting)
    {
        var broken = "k_9f3b\ud800tail";
        var options = new IdentomatClientOptions { CompanyKey = "ck", SecretKey = "sk", CallbackApiKeys = ["cb"] };
        switch (setting)
        {
            case "CompanyKey": options.CompanyKey = broken; break;
            case "SecretKey": options.SecretKey = broken; break;
            case "PreviousSecretKey": options.PreviousSecretKey = broken; break;
            default: options.CallbackApiKeys = ["cb", broken]; break;
        }

        var errors = options.Validate();

        Assert.That(errors, Has.Exactly(1).EqualTo($"{setting} holds a lone surrogate (half of a UTF-16 pair), which is not text: it would reach Identomat as another key."));
        Assert.That(string.Join("\n", errors), Does.Not.Contain("9f3b"));
        Assert.Throws<ArgumentException>(() => new IdentomatClient(options).Dispose());
    }

    [Test]
    public void A_callback_parser_given_a_key_or_secret_holding_a_lone_surrogate_is_an_argument_error()
    {
        var broken = "cb_7a1c" + '\ud800';

        var key = Assert.Throws<ArgumentException>(() => new IdentomatCallbackParser([broken], "ck"));
        var secret = Assert.Throws<ArgumentException>(() => new IdentomatCallbackParser(["cb"], broken));

        Assert.That(key!.ParamName, Is.EqualTo("callbackApiKeys"));
        Assert.That(secret!.ParamName, Is.EqualTo("deduplicationSecret"));
        Assert.That(key.Message + secret.Message, Does.Not.Contain("7a1c"));
        Assert.That(new[] { key.InnerException, secret.InnerException }, Is.All.Null, "the encoder's exception names a code unit of the secret and its index");
    }
}

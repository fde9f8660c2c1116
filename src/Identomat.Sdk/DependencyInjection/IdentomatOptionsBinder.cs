using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Binds a configuration section onto <see cref="IdentomatClientOptions"/>. Written by hand (sixteen settings): the
/// configuration binder's source generator of the .NET 8 dependency floor does not compile under the .NET 10 compiler
/// and the reflection binder is not AOT-safe; by hand, a key that names no setting (a typo such as <c>BaseAdress</c>)
/// and a value that does not parse both fail start-up with the section, the key and what was expected.
/// </summary>
internal static class IdentomatOptionsBinder
{
    public static void Bind(IConfiguration configuration, IdentomatClientOptions options, string name)
    {
        var section = (configuration as IConfigurationSection)?.Path is { Length: > 0 } path ? $"configuration section '{path}'" : "the configuration";
        var errors = new List<string>();
        if (configuration is IConfigurationSection { Value: null } empty && !empty.GetChildren().Any())
        {
            // A misspelled section name (GetSection("Identomt")) would otherwise surface as a bare "CompanyKey is
            // required": the validation message names the section (settings may still come from elsewhere, e.g. a test's fake).
            options.BoundFromEmptySection = section;
        }

        foreach (var child in configuration.GetChildren())
        {
            var key = IdentomatClientOptions.SettingNames.FirstOrDefault(n => string.Equals(n, child.Key, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                errors.Add($"'{child.Key}' in {section} is not a setting (known: {string.Join(", ", IdentomatClientOptions.SettingNames)}).");
                continue;
            }

            var value = child.Value;
            var where = $"'{child.Key}' in {section}";
            switch (key)
            {
                case nameof(IdentomatClientOptions.CompanyKey): options.CompanyKey = value; break;
                case nameof(IdentomatClientOptions.SecretKey): options.SecretKey = value; break;
                case nameof(IdentomatClientOptions.PreviousSecretKey): options.PreviousSecretKey = value; break;
                case nameof(IdentomatClientOptions.CallbackApiKeys):
                    // A list ("CallbackApiKeys": ["a", "b"] or CallbackApiKeys__0=a), or one key as a plain value; an empty
                    // JSON array arrives as an empty value.
                    var keys = child.GetChildren().Select(k => k.Value).Where(k => k is not null).Select(k => k!).ToList();
                    options.CallbackApiKeys = keys.Count > 0 ? keys : string.IsNullOrEmpty(value) ? [] : [value!];
                    break;
                case nameof(IdentomatClientOptions.BaseAddress):
                    Parse<Uri>(value, where, "an absolute URL", TryUri, v => options.BaseAddress = v, errors);
                    break;
                case nameof(IdentomatClientOptions.WidgetBaseAddress):
                    Parse<Uri>(value, where, "an absolute URL", TryUri, v => options.WidgetBaseAddress = v, errors);
                    break;
                case var duration when Durations.TryGetValue(duration, out var d):
                    Parse<TimeSpan>(value, where, $"a duration such as {d.Example}", TryTime, v => d.Set(options, v), errors);
                    break;
                case nameof(IdentomatClientOptions.MaxRetries):
                    Parse<int>(value, where, "a whole number", TryInt, v => options.MaxRetries = v, errors);
                    break;
                case nameof(IdentomatClientOptions.RetryBeginSessionAfterSend):
                    Parse<bool>(value, where, "true or false", bool.TryParse, v => options.RetryBeginSessionAfterSend = v, errors);
                    break;
                case nameof(IdentomatClientOptions.MaxMediaBytes):
                    Parse<long>(value, where, "a whole number of bytes", TryLong, v => options.MaxMediaBytes = v, errors);
                    break;
                case nameof(IdentomatClientOptions.PropagateTraceContext):
                    Parse<bool>(value, where, "true or false", bool.TryParse, v => options.PropagateTraceContext = v, errors);
                    break;
                case nameof(IdentomatClientOptions.AccountName): options.AccountName = value; break;
            }
        }

        if (errors.Count > 0)
        {
            var account = string.IsNullOrEmpty(name) ? "the default Identomat client" : $"the Identomat client '{name}'";
            throw new OptionsValidationException(name, typeof(IdentomatClientOptions), errors.Select(e => $"{account}: {e}"));
        }
    }

    // The duration settings, each with the example its error message gives.
    private static readonly Dictionary<string, (string Example, Action<IdentomatClientOptions, TimeSpan> Set)> Durations = new()
    {
        [nameof(IdentomatClientOptions.AttemptTimeout)] = ("00:00:30", (o, v) => o.AttemptTimeout = v),
        [nameof(IdentomatClientOptions.TotalTimeout)] = ("00:01:40", (o, v) => o.TotalTimeout = v),
        [nameof(IdentomatClientOptions.MediaReadTimeout)] = ("00:00:30", (o, v) => o.MediaReadTimeout = v),
        [nameof(IdentomatClientOptions.RetryBaseDelay)] = ("00:00:01", (o, v) => o.RetryBaseDelay = v),
        [nameof(IdentomatClientOptions.MaxRetryAfter)] = ("00:00:30", (o, v) => o.MaxRetryAfter = v),
    };

    private delegate bool TryParser<T>(string text, out T value);

    private static void Parse<T>(string? text, string where, string expected, TryParser<T> parse, Action<T> set, List<string> errors)
    {
        if (text is not null && parse(text.Trim(), out var value))
        {
            set(value);
        }
        else
        {
            // The value is not echoed: a misplaced key could sit in any setting.
            errors.Add($"{where} must be {expected}.");
        }
    }

    private static bool TryUri(string text, out Uri value) => Uri.TryCreate(text, UriKind.Absolute, out value!);

    private static bool TryInt(string text, out int value) => int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool TryLong(string text, out long value) => long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value);

    private static bool TryTime(string text, out TimeSpan value) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value);
}

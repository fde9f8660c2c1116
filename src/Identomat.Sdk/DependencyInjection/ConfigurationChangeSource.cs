using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Reloads of the bound section reach <c>IOptionsMonitor</c> (and so the account's client).</summary>
internal sealed class ConfigurationChangeSource(string name, IConfiguration configuration) : IOptionsChangeTokenSource<IdentomatClientOptions>
{
    public string Name { get; } = name;

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => configuration.GetReloadToken();
}

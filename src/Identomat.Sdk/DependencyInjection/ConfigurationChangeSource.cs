using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Reloads of the bound section reach <c>IOptionsMonitor</c> (and so the account's client).</summary>
internal sealed class ConfigurationChangeSource : IOptionsChangeTokenSource<IdentomatClientOptions>
{
    private readonly IConfiguration _configuration;

    public ConfigurationChangeSource(string name, IConfiguration configuration)
    {
        Name = name;
        _configuration = configuration;
    }

    public string Name { get; }

    public Microsoft.Extensions.Primitives.IChangeToken GetChangeToken() => _configuration.GetReloadToken();
}

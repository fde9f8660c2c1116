using Identomat.Sdk;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>A name given to <c>AddIdentomat</c>: the factory creates clients for these only.</summary>
internal sealed record IdentomatClientRegistration(string Name);


namespace Microsoft.Extensions.DependencyInjection;

/// <summary>A name given to <c>AddIdentomat</c>: the factory creates clients for these only.</summary>
internal sealed record IdentomatClientRegistration(string Name);

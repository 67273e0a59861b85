using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Latchkey.Core.Data;

/// <summary>
/// A query on the sign-in path compiled once per model (<c>EF.CompileAsyncQuery</c> skips the translation cache's
/// key and parameter work on every call, bench/signin-overhead.sh). EF refuses to run a compiled query against a
/// model other than the one it first met, and one process can hold two (a SQLite and a PostgreSQL store: the CLI's
/// restore, the tests), so each model gets its own compilation.
/// </summary>
internal sealed class CompiledQuery<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = [];

    /// <summary>The query compiled for <paramref name="db"/>'s model.</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _ => compile());
    }
}

import type { Problem } from '../../../shared/model/schema.js';

export interface ProblemTarget {
  /** What the problem belongs to, e.g. "Service 1". */
  name: string;
  /** Selects it on the canvas; absent when it cannot be selected (a fault, the document). */
  select?: () => void;
}

interface Props {
  problems: readonly Problem[];
  /** Where each problem belongs, for a list that spans the document. */
  targetOf?: (problem: Problem) => ProblemTarget | null;
  className?: string;
}

/** Problems as the command line prints them (`path: message`), each a button to its node or edge when it has one. */
export function ProblemList({ problems, targetOf, className }: Props) {
  return (
    <ul className={`problem-list${className ? ` ${className}` : ''}`}>
      {problems.map((p, i) => {
        const target = targetOf?.(p) ?? null;
        const body = (
          <>
            {target ? <span className="problem-where">{target.name}</span> : null}
            {p.path ? <code className="problem-path">{p.path}</code> : null}
            <span className="problem-message">{p.message}</span>
          </>
        );
        return (
          <li key={`${p.path}\n${p.message}\n${i}`} className="problem">
            {target?.select ? (
              <button type="button" className="problem-button" onClick={target.select}>
                {body}
              </button>
            ) : (
              <div className="problem-static">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

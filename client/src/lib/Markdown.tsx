import ReactMarkdown from 'react-markdown';

/** Elements scenario and participant text may use; anything else (raw HTML included) is dropped. */
const ALLOWED = ['p', 'strong', 'em', 'ul', 'ol', 'li', 'a', 'code', 'pre', 'blockquote', 'h3', 'h4', 'br', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td'];

/**
 * Renders markdown from scenarios and participants as inert React elements: no raw HTML, and
 * react-markdown's URL filter turns javascript: and other unsafe links into empty ones. The text
 * comes without text-direction controls (useExercise, api); `dir="auto"` also isolates its
 * direction from the page around it.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown" dir="auto">
      <ReactMarkdown skipHtml allowedElements={ALLOWED} unwrapDisallowed>
        {text}
      </ReactMarkdown>
    </div>
  );
}

import { type ReactNode, useId, useRef } from 'react';

type ConfirmButtonProps = {
  /** The button's text. */
  children: ReactNode;
  /** What will happen, asked as a question. */
  question: string;
  detail?: ReactNode;
  confirmLabel: string;
  /** The confirming button's look; red unless the action is not destructive. */
  confirmClassName?: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
  testId?: string;
};

/** A button for something hard to undo: it asks first, in a modal dialog that keeps focus. */
export function ConfirmButton(props: ConfirmButtonProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = () => dialog.current?.close();
  return (
    <>
      <button
        type="button"
        className={props.className ?? 'button button--danger'}
        disabled={props.disabled}
        data-testid={props.testId}
        onClick={() => dialog.current?.showModal()}
      >
        {props.children}
      </button>
      <dialog ref={dialog} className="dialog" aria-labelledby={titleId}>
        <h2 id={titleId} className="dialog__title">
          {props.question}
        </h2>
        {props.detail ? <div className="dialog__body">{props.detail}</div> : null}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={close}>
            Go back
          </button>
          <button
            type="button"
            className={props.confirmClassName ?? 'button button--danger'}
            data-testid="confirm"
            onClick={() => {
              close();
              props.onConfirm();
            }}
          >
            {props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}

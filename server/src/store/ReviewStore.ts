/** What review keeps, behind its own narrow interface (a part of Store, reached as store.review). */
export interface ReviewStore {}

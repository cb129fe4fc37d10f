/** Every Strefa element, registered. Import this once, or one element's own entry. */
export {};
